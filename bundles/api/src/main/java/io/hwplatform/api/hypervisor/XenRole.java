package io.hwplatform.api.hypervisor;

import java.util.Locale;
import java.util.Objects;

/**
 * The role of a Xen domain.
 *
 * @param domain whether this is the control domain or a guest
 * @param mode how the domain is virtualised
 */
public record XenRole(Domain domain, Mode mode) {

    /** Control domain or guest. */
    public enum Domain {
        /** The control domain, which manages the others and owns the hardware. */
        DOM0,
        /** An unprivileged guest. */
        DOMU;

        /** @return the lower-case id used in attributes and output, e.g. {@code domu} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a Xen domain is virtualised. */
    public enum Mode {
        /** Paravirtualised: no hardware virtualisation, the kernel talks to Xen directly. */
        PV,
        /** Hardware virtual machine, with emulated firmware (and usually PV drivers). */
        HVM,
        /** PV in an HVM container, without emulated firmware. */
        PVH,
        /** Not told by any signal. */
        UNKNOWN;

        /** @return the lower-case id used in attributes and output, e.g. {@code hvm} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @throws NullPointerException when domain or mode is null */
    public XenRole {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(mode, "mode");
    }
}
