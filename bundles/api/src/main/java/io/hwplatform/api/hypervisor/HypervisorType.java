package io.hwplatform.api.hypervisor;

import java.util.Locale;

/** The hypervisor (or emulator) a machine runs under. */
public enum HypervisorType {
    /** No hypervisor: bare metal, as far as every signal tells. */
    NONE,
    /** Linux KVM, whatever the user space (QEMU, Firecracker, cloud-hypervisor, crosvm, the clouds' own). */
    KVM,
    /** QEMU without KVM: software emulation (TCG). */
    QEMU,
    VMWARE,
    /** Microsoft Hyper-V (and Azure). */
    HYPERV,
    XEN,
    VIRTUALBOX,
    PARALLELS,
    BHYVE,
    ACRN,
    QNX,
    BOCHS,
    /** User Mode Linux. */
    UML,
    /** IBM PowerVM logical partition. */
    POWERVM,
    /** IBM z/VM. */
    ZVM,
    /**
     * Oracle VM Server for SPARC: every sun4v machine runs its operating systems in logical domains.
     *
     * @since 2.1
     */
    LDOMS,
    /** Apple's Virtualization framework. */
    APPLE,
    /** Lockheed Martin's LMHS ({@code SRESRESRESRE}). */
    SRE,
    /** A hypervisor is there (CPUID bit, unknown signature, ...) but none this platform knows by name. */
    OTHER;

    /** @return the lower-case id used in capability names, e.g. {@code kvm} in {@code hypervisor.kvm} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
