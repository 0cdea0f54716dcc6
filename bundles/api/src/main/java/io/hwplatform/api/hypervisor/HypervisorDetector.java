package io.hwplatform.api.hypervisor;

import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells what this machine runs under, combining the findings of every {@link HypervisorProbe} present.
 *
 * <h2>Order of precedence</h2>
 * systemd's {@code detect_vm()}, improved where it is known to be wrong:
 * <ol>
 * <li>Firmware naming VirtualBox, Parallels or Xen wins at once (they also show KVM or Hyper-V CPUID signatures).</li>
 * <li>User Mode Linux from {@code /proc/cpuinfo}.</li>
 * <li>A Xen domU from {@code /proc/xen}. A dom0 is remembered and decided at step 5.</li>
 * <li>CPUID: of the known signatures in leaves 0x40000000..0x4000FF00, the one at the highest leaf wins, except that
 * {@code Microsoft Hv} (also shown by KVM and Xen with Hyper-V enlightenments) and {@code TCGTCGTCGTCG} (QEMU
 * emulation, under which firmware strings are still chosen freely) only count when nothing later decides. An unknown
 * signature counts as "some other hypervisor".</li>
 * <li>A paravirtual clock ({@code kvm-clock}, {@code xen}); needs no root, so it stands in for CPUID. Hyper-V's clock
 * counts like {@code Microsoft Hv}. Then a Xen dom0 is decided as Xen.</li>
 * <li>Firmware strings, in {@link FirmwareField} order (product name first); {@code Microsoft Corporation} counts only
 * with the product {@code Virtual Machine}.</li>
 * <li>{@code /sys/hypervisor/type}, the device tree, {@code /proc/sysinfo}, a vmbus, then a PCI function only virtual
 * hardware carries (the most specific first: a guest-service device before emulated hardware before virtio).</li>
 * <li>Otherwise: Hyper-V if deferred at step 4 or 5, QEMU if TCG was seen, {@link HypervisorType#OTHER} if any sign of
 * a hypervisor was seen (CPU flag, unknown signature), else {@link HypervisorType#NONE}.</li>
 * </ol>
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
@ProviderType
public interface HypervisorDetector {

    /** @return the current verdict; computed once and again only when probes come or go */
    HypervisorInfo info();

    /** @return a fresh verdict, reading every signal again now */
    HypervisorInfo detect();
}
