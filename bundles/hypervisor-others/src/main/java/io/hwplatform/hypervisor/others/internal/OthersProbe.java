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
import java.util.Optional;
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
    static final String LPARCFG = "/proc/ppc64/lparcfg";
    /** SPARC sun4v's machine description, which the hypervisor serves to each logical domain. */
    static final String MDESC = "/dev/mdesc";

    @Override
    public String name() {
        return "others";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        ProbeSupport.firmware(host, FIRMWARE).filter(claim -> !qemusSeaBios(claim, host)).ifPresent(findings::add);
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
        lpar(host).ifPresent(findings::add);
        logicalDomain(host).ifPresent(findings::add);
        if (ProbeSupport.controlProgram(host).filter(program -> program.startsWith("z/VM")).isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.ZVM, Signal.SYSINFO, 0, ProbeSupport.SYSINFO));
        }
        if (host.exists(CMM)) {
            findings.add(new Finding.BalloonDriver(new Balloon(BalloonKind.CMM, true, "cmm0"), CMM));
        }
        return findings;
    }

    /** Firmware that says Bochs under QEMU's CPU model is QEMU's SeaBIOS: the KVM probe claims it as QEMU. */
    private static boolean qemusSeaBios(Finding claim, HostSignals host) {
        return claim instanceof Finding.Hypervisor firmware && firmware.type() == HypervisorType.BOCHS
                && ProbeSupport.qemuCpuModel(host);
    }

    /**
     * {@code /proc/ppc64/lparcfg}: every pseries partition has it, a PowerVM LPAR and a QEMU/KVM guest alike; the
     * machine's model tells QEMU's apart. The source says whether the partition's processors are shared or dedicated.
     */
    static Optional<Finding> lpar(HostSignals host) {
        Optional<String> lparcfg = host.text(LPARCFG);
        if (lparcfg.isEmpty() || lparcfg.get().contains("emulated by qemu") || ProbeSupport.qemuPseries(host)) {
            return Optional.empty();
        }
        String mode = lparcfg.get().lines().filter(line -> line.startsWith("shared_processor_mode="))
                .map(line -> line.endsWith("=1") ? "shared processors" : "dedicated processors").findFirst()
                .orElse("processor mode not told");
        return Optional.of(new Finding.Hypervisor(HypervisorType.POWERVM, Signal.SYSINFO, 0,
                LPARCFG + " (" + mode + ")"));
    }

    /** A sun4v SPARC machine, whose cpuinfo says so, or whose hypervisor serves the machine description. */
    static Optional<Finding> logicalDomain(HostSignals host) {
        if (ProbeSupport.cpuinfoMachineField(host, "type").filter("sun4v"::equals).isPresent()) {
            return Optional.of(new Finding.Hypervisor(HypervisorType.LDOMS, Signal.CPUINFO, 0, ProbeSupport.CPUINFO));
        }
        return host.exists(MDESC) ? Optional.of(new Finding.Hypervisor(HypervisorType.LDOMS, Signal.DEVICE_TREE, 0,
                MDESC)) : Optional.empty();
    }
}
