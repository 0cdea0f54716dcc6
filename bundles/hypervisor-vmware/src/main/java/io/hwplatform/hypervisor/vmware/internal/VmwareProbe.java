package io.hwplatform.hypervisor.vmware.internal;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import io.hwplatform.api.hypervisor.spi.Signal;
import io.hwplatform.support.probe.PciSignatures;
import io.hwplatform.support.probe.ProbeSupport;
import io.hwplatform.support.probe.Signatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** VMware (ESXi, Workstation, Fusion on x86 and Arm) and its balloon driver. */
@Component
public final class VmwareProbe implements HypervisorProbe {

    static final Signatures FIRMWARE = Signatures.of(
            "VMware", HypervisorType.VMWARE,
            "VMW", HypervisorType.VMWARE);
    static final Signatures CPUID = Signatures.of("VMwareVMware", HypervisorType.VMWARE);

    static final String DEVICE_TREE_HYPERVISOR = ProbeSupport.DEVICE_TREE_HYPERVISOR;
    /**
     * Where a loaded balloon driver shows: the in-kernel module, VMware Tools' legacy module, and the debugfs file the
     * in-kernel driver creates (a built-in driver without parameters has no /sys/module entry).
     */
    static final List<String> LINUX_BALLOON = List.of(
            "/sys/module/vmw_balloon", "/sys/module/vmmemctl", "/sys/kernel/debug/vmmemctl");
    static final String WINDOWS_BALLOON_SERVICE = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VMMemCtl";

    @Override
    public String name() {
        return "vmware";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        ProbeSupport.firmware(host, FIRMWARE).ifPresent(findings::add);
        findings.addAll(ProbeSupport.cpuid(host, CPUID));
        if (ProbeSupport.deviceTreeHypervisor(host).filter(compatible -> compatible.contains("vmware")).isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.VMWARE, Signal.DEVICE_TREE, 0, DEVICE_TREE_HYPERVISOR));
        }
        findings.addAll(PciSignatures.findings(host, Set.of(HypervisorType.VMWARE)));
        balloon(host).ifPresent(findings::add);
        return findings;
    }

    /**
     * The driver binds to no device: it loads only under VMware (its init fails elsewhere), so a loaded driver is a
     * working balloon. On Windows the VMMemCtl service must exist and not be disabled (Start 4).
     */
    private static Optional<Finding> balloon(HostSignals host) {
        if (host.os() == HostSignals.Os.WINDOWS) {
            return ProbeSupport.serviceEnabled(host, WINDOWS_BALLOON_SERVICE).map(enabled -> new Finding.BalloonDriver(
                    new Balloon(BalloonKind.VMWARE, enabled, "VMMemCtl"), WINDOWS_BALLOON_SERVICE + "\\Start"));
        }
        return LINUX_BALLOON.stream().filter(host::exists).findFirst().map(path -> new Finding.BalloonDriver(
                new Balloon(BalloonKind.VMWARE, true, path.substring(path.lastIndexOf('/') + 1)), path));
    }
}
