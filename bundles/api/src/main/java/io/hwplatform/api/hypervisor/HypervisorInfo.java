package io.hwplatform.api.hypervisor;

import java.util.List;
import java.util.Objects;

/**
 * The detector's verdict: what this machine runs under, and every signal that was read to get there.
 *
 * @param type the hypervisor; {@link HypervisorType#NONE} on bare metal
 * @param vendor the system vendor string of the firmware (SMBIOS), or {@code null} when there is none
 * @param product the product name string of the firmware, or {@code null}
 * @param cloud the cloud provider, e.g. {@code aws}, {@code gcp}, {@code azure}, {@code alibaba}, {@code oracle};
 *     {@code null} when none is recognised
 * @param xen the Xen domain's role when running on Xen, else {@code null}
 * @param container the container layer seen inside this machine (reported apart from the VM verdict), e.g.
 *     {@code docker}, {@code podman}, {@code lxc}; {@code null} when none
 * @param balloon the balloon driver belonging to this hypervisor, or {@code null} when there is none
 * @param decidedBy the evidence that decided the type, e.g. {@code cpuid 0x40000000 = KVMKVMKVM}
 * @param evidence every signal read, in the order read, with what it meant
 * @param root the filesystem root the signals were read through ({@code /} on the live machine)
 */
public record HypervisorInfo(HypervisorType type, String vendor, String product, String cloud, XenRole xen,
        String container, Balloon balloon, String decidedBy, List<Evidence> evidence, String root) {

    /** @throws NullPointerException when type, decidedBy, evidence or root is null */
    public HypervisorInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(decidedBy, "decidedBy");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(root, "root");
    }

    /** @return whether any hypervisor is present */
    public boolean isVirtual() {
        return type != HypervisorType.NONE;
    }
}
