package io.hwplatform.hypervisor.others.internal;

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
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The platforms without a bundle of their own: VirtualBox, Parallels, bhyve, ACRN, QNX, Bochs, Apple's
 * Virtualization framework, SRE, User Mode Linux, PowerVM and z/VM.
 */
@Component
public final class OthersProbe implements HypervisorProbe {

    /**
     * Unlike systemd, {@code Oracle Corporation} is not taken for VirtualBox: Oracle's own servers carry it too, and
     * VirtualBox always names itself in the product name.
     */
    static final Signatures FIRMWARE = Signatures.of(
            "innotek GmbH", HypervisorType.VIRTUALBOX,
            "VirtualBox", HypervisorType.VIRTUALBOX,
            "Parallels", HypervisorType.PARALLELS,
            "BHYVE", HypervisorType.BHYVE,
            "Bochs", HypervisorType.BOCHS,
            "Apple Virtualization", HypervisorType.APPLE);
    static final Signatures CPUID = Signatures.of(
            "VBoxVBoxVBox", HypervisorType.VIRTUALBOX,
            " lrpepyh  vr", HypervisorType.PARALLELS,
            "prl hyperv  ", HypervisorType.PARALLELS,
            "bhyve bhyve ", HypervisorType.BHYVE,
            "ACRNACRNACRN", HypervisorType.ACRN,
            "QNXQVMBSQG", HypervisorType.QNX,
            "SRESRESRESRE", HypervisorType.SRE,
            "Apple VZ", HypervisorType.APPLE);

    static final String DEVICE_TREE = ProbeSupport.DEVICE_TREE;
    static final String CMM = "/sys/devices/system/cmm/cmm0";

    @Override
    public String name() {
        return "others";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        ProbeSupport.firmware(host, FIRMWARE).ifPresent(findings::add);
        findings.addAll(ProbeSupport.cpuid(host, CPUID));
        findings.addAll(PciSignatures.findings(host, Set.of(HypervisorType.VIRTUALBOX, HypervisorType.PARALLELS)));
        if (ProbeSupport.cpuinfoField(host, "vendor_id").filter(vendor -> vendor.startsWith("User Mode Linux"))
                .isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.UML, Signal.CPUINFO, 0, ProbeSupport.CPUINFO));
        }
        if (host.exists(DEVICE_TREE + "/ibm,partition-name") && host.exists(DEVICE_TREE + "/hmc-managed?")
                && !host.exists(DEVICE_TREE + "/chosen/qemu,graphic-width")) {
            findings.add(new Finding.Hypervisor(HypervisorType.POWERVM, Signal.DEVICE_TREE, 0,
                    DEVICE_TREE + "/ibm,partition-name"));
        }
        if (ProbeSupport.controlProgram(host).filter(program -> program.startsWith("z/VM")).isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.ZVM, Signal.SYSINFO, 0, ProbeSupport.SYSINFO));
        }
        if (host.exists(CMM)) {
            findings.add(new Finding.BalloonDriver(new Balloon(BalloonKind.CMM, true, "cmm0"), CMM));
        }
        return findings;
    }
}
