package io.hwplatform.api.hypervisor.spi;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import java.util.Objects;

/**
 * What a {@link HypervisorProbe} concluded from one signal. Each finding names its {@code source}, the same string
 * under which {@link HostSignals} recorded the read, so that the evidence table shows what each signal meant.
 */
public sealed interface Finding {

    /** @return the source of the signal, e.g. {@code /sys/class/dmi/id/sys_vendor} or {@code cpuid 0x40000000} */
    String source();

    /** @return what this finding means, for the evidence table */
    String meaning();

    /**
     * The signal points at a hypervisor.
     *
     * @param order the position within its kind: the firmware field's position, the CPUID leaf; 0 otherwise
     */
    record Hypervisor(HypervisorType type, Signal signal, long order, String source) implements Finding {
        public Hypervisor {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String meaning() {
            return signal == Signal.PRESENCE ? "some hypervisor present" : "hypervisor " + type;
        }
    }

    /** The signal names a cloud provider, e.g. {@code aws}, {@code gcp}, {@code azure}. */
    record Cloud(String provider, String source) implements Finding {
        public Cloud {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String meaning() {
            return "cloud " + provider;
        }
    }

    /** The signal shows no hypervisor although firmware alone might suggest one (a bare-metal cloud instance). */
    record BareMetal(String source) implements Finding {
        public BareMetal {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String meaning() {
            return "bare metal";
        }
    }

    /** The signal tells the Xen domain's role. */
    record Xen(XenRole role, String source) implements Finding {
        public Xen {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String meaning() {
            return "xen " + role.domain().id() + " " + role.mode().id();
        }
    }

    /** The signal shows a balloon device or driver. */
    record BalloonDriver(Balloon balloon, String source) implements Finding {
        public BalloonDriver {
            Objects.requireNonNull(balloon, "balloon");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String meaning() {
            return "balloon " + balloon.kind().id() + (balloon.bound() ? " bound" : " not bound");
        }
    }

    /** The signal shows a container layer (reported apart from the VM verdict), e.g. {@code docker}. */
    record Container(String name, String source) implements Finding {
        public Container {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String meaning() {
            return "container " + name;
        }
    }
}
