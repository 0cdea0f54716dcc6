package io.hwplatform.api.hypervisor.spi;

import io.hwplatform.api.hypervisor.HypervisorDetector;

/**
 * The kinds of signal a {@link Finding.Hypervisor} can rest on. {@link HypervisorDetector} documents the order in
 * which the detector weighs them.
 */
public enum Signal {
    /** SMBIOS strings ({@link FirmwareField}); the finding's order is the field's position. */
    FIRMWARE,
    /**
     * {@code /proc/cpuinfo}: User Mode Linux's vendor line, POWER's {@code model} under QEMU, SPARC's {@code sun4v}.
     */
    CPUINFO,
    /** {@code /proc/xen} and the Xen feature flags: a domU. */
    XEN_DOMAIN,
    /** A hypervisor vendor signature in CPUID leaves 0x40000000 to 0x4000FF00; the order is the leaf. */
    CPUID,
    /** A paravirtual clock source the kernel offers ({@code kvm-clock}, {@code xen}, Hyper-V's TSC page). */
    PARAVIRT_CLOCK,
    /** {@code /sys/hypervisor/type}. */
    HYPERVISOR_SYSFS,
    /** The device tree on Arm, POWER and RISC-V ({@code /proc/device-tree}). */
    DEVICE_TREE,
    /** The partition as the hypervisor describes it: {@code /proc/sysinfo} on s390, {@code /proc/ppc64/lparcfg} on POWER. */
    SYSINFO,
    /** A bus only a hypervisor provides (vmbus). */
    BUS,
    /**
     * A PCI function only a hypervisor's virtual hardware carries (vendor {@code 80ee} device {@code cafe}:
     * VirtualBox's guest service; {@code 15ad}: VMware; {@code 1af4}: virtio); the order is how specific the device is.
     * Weak: devices can be emulated by another hypervisor or passed through, so it decides only when nothing else does.
     *
     * @since 1.1
     */
    PCI,
    /** Only that some hypervisor is present (the CPU's hypervisor flag), not which. */
    PRESENCE
}
