package io.hwplatform.hypervisor.kvm.internal;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.FirmwareField;
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
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/** KVM and QEMU: the many faces of Linux's own hypervisor, and the virtio balloon. */
@Component
public final class KvmProbe implements HypervisorProbe {

    /** Firmware prefixes, the first written first (and the first matching field decides). */
    static final Signatures FIRMWARE = Signatures.of(
            "KVM", HypervisorType.KVM,
            "OpenStack", HypervisorType.KVM,
            "KubeVirt", HypervisorType.KVM,
            "Google Compute Engine", HypervisorType.KVM,
            "Amazon EC2", HypervisorType.KVM,
            "QEMU", HypervisorType.QEMU);
    /** Old QEMU's SeaBIOS names itself Bochs; with QEMU's CPU model that is QEMU (see {@link #firmware}). */
    static final Signatures QEMUS_BOCHS = Signatures.of("Bochs", HypervisorType.QEMU);
    static final Signatures CPUID = Signatures.of(
            "KVMKVMKVM", HypervisorType.KVM,
            "Linux KVM Hv", HypervisorType.KVM,
            "LKVMLKVMLKVM", HypervisorType.KVM, // kvmtool
            "TCGTCGTCGTCG", HypervisorType.QEMU);

    static final String DEVICE_TREE = ProbeSupport.DEVICE_TREE;
    static final String SMBIOS_HEADER = "/sys/firmware/dmi/entries/0-0/raw";
    static final String VIRTIO_DEVICES = "/sys/bus/virtio/devices";
    static final String VIRTIO_BALLOON_DRIVER = "/sys/bus/virtio/drivers/virtio_balloon";
    /** virtio device id 5 is the balloon; the sysfs file shows it as {@code 0x0005}. */
    static final String VIRTIO_ID_BALLOON = "0x0005";
    /** Bare-metal EC2 instance types: {@code i3.metal}, {@code m7g.metal-48xl}. */
    private static final Pattern METAL = Pattern.compile(".*\\.metal(-.*)?$");

    static final String WINDOWS_BALLOON_SERVICE = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\BALLOON";
    static final String WINDOWS_PCI_DEVICES = "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\PCI";

    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        firmware(host, findings);
        findings.addAll(ProbeSupport.cpuid(host, CPUID));
        if (ProbeSupport.clocksources(host).contains("kvm-clock")) {
            findings.add(new Finding.Hypervisor(HypervisorType.KVM, Signal.PARAVIRT_CLOCK, 0, ProbeSupport.CLOCKSOURCES));
        }
        deviceTree(host).ifPresent(findings::add);
        powerGuest(host).ifPresent(findings::add);
        findings.addAll(PciSignatures.findings(host, Set.of(HypervisorType.KVM, HypervisorType.QEMU)));
        ProbeSupport.controlProgram(host).filter(program -> program.startsWith("KVM")).ifPresent(program ->
                findings.add(new Finding.Hypervisor(HypervisorType.KVM, Signal.SYSINFO, 0, ProbeSupport.SYSINFO)));
        if (host.os() == HostSignals.Os.WINDOWS) {
            windowsBalloon(host).ifPresent(findings::add);
        } else {
            linuxBalloon(host).ifPresent(findings::add);
        }
        return findings;
    }

    /**
     * Firmware claims, except that an Amazon EC2 bare-metal instance is no VM; and {@code Bochs} firmware with QEMU's
     * CPU model is QEMU's (the others probe leaves it to this one).
     */
    private static void firmware(HostSignals host, List<Finding> findings) {
        if (ProbeSupport.qemuCpuModel(host)) {
            ProbeSupport.firmware(host, QEMUS_BOCHS).ifPresent(findings::add);
        }
        ProbeSupport.firmware(host, FIRMWARE).ifPresent(claim -> {
            boolean amazon = host.firmware(FirmwareField.SYS_VENDOR).filter(v -> v.startsWith("Amazon EC2")).isPresent()
                    || host.firmware(FirmwareField.PRODUCT_NAME).filter(v -> v.startsWith("Amazon EC2")).isPresent();
            findings.add(amazon ? amazonBareMetal(host).orElse(claim) : claim);
        });
    }

    /**
     * EC2 firmware is the same on VMs and bare-metal instances. The SMBIOS "system is a VM" bit (BIOS characteristics
     * extension byte 2, bit 4) tells them apart where readable (root); otherwise the {@code .metal} instance type.
     *
     * @return a bare-metal finding, or empty for a VM
     */
    static Optional<Finding> amazonBareMetal(HostSignals host) {
        Optional<byte[]> header = host.bytes(SMBIOS_HEADER);
        if (header.isPresent() && header.get().length >= 20 && (header.get()[1] & 0xff) >= 20) {
            boolean virtual = (header.get()[19] & 0x10) != 0;
            return virtual ? Optional.empty() : Optional.of(new Finding.BareMetal(SMBIOS_HEADER));
        }
        return host.firmware(FirmwareField.PRODUCT_NAME).filter(METAL.asPredicate())
                .map(metal -> new Finding.BareMetal(host.firmwareSource(FirmwareField.PRODUCT_NAME)));
    }

    /**
     * {@code hypervisor/compatible} of {@code linux,kvm}; else QEMU's fw-cfg device or pseries machine; else the
     * root's {@code linux,dummy-virt} without fw-cfg, which is kvmtool's Arm machine (QEMU's virt board has fw-cfg).
     */
    private static Optional<Finding> deviceTree(HostSignals host) {
        Optional<String> compatible = ProbeSupport.deviceTreeHypervisor(host);
        if (compatible.filter("linux,kvm"::equals).isPresent()) {
            return Optional.of(new Finding.Hypervisor(HypervisorType.KVM, Signal.DEVICE_TREE, 0,
                    ProbeSupport.DEVICE_TREE_HYPERVISOR));
        }
        if (compatible.isEmpty()) {
            boolean fwCfg = host.list(DEVICE_TREE).stream().anyMatch(entry -> entry.contains("fw-cfg"));
            Optional<String> machine = host.text(DEVICE_TREE + "/compatible");
            if (fwCfg || machine.filter("qemu,pseries"::equals).isPresent()) {
                return Optional.of(new Finding.Hypervisor(HypervisorType.QEMU, Signal.DEVICE_TREE, 1,
                        fwCfg ? DEVICE_TREE : DEVICE_TREE + "/compatible"));
            }
            if (machine.filter("linux,dummy-virt"::equals).isPresent()) {
                return Optional.of(new Finding.Hypervisor(HypervisorType.KVM, Signal.DEVICE_TREE, 2,
                        DEVICE_TREE + "/compatible"));
            }
        }
        return Optional.empty();
    }

    /** POWER's machine line: {@code IBM pSeries (emulated by qemu)} is a pseries guest of QEMU, i.e. of KVM. */
    private static Optional<Finding> powerGuest(HostSignals host) {
        return ProbeSupport.qemuPseries(host)
                ? Optional.of(new Finding.Hypervisor(HypervisorType.KVM, Signal.CPUINFO, 0, ProbeSupport.CPUINFO))
                : Optional.empty();
    }

    /** A virtio device of id 5, bound when the virtio_balloon driver lists it. */
    private static Optional<Finding> linuxBalloon(HostSignals host) {
        return ProbeSupport.busDevice(host, VIRTIO_DEVICES, "device", VIRTIO_ID_BALLOON).map(device ->
                new Finding.BalloonDriver(new Balloon(BalloonKind.VIRTIO,
                        host.exists(VIRTIO_BALLOON_DRIVER + "/" + device.getKey()), device.getKey()), device.getValue()));
    }

    /** virtio-win: the BALLOON driver service and a virtio balloon PCI device (legacy 1AF4:1002, modern 1AF4:1045). */
    private static Optional<Finding> windowsBalloon(HostSignals host) {
        boolean device = host.registrySubkeys(WINDOWS_PCI_DEVICES).stream()
                .anyMatch(id -> id.startsWith("VEN_1AF4&DEV_1002") || id.startsWith("VEN_1AF4&DEV_1045"));
        Optional<Boolean> enabled = ProbeSupport.serviceEnabled(host, WINDOWS_BALLOON_SERVICE);
        if (!device && enabled.isEmpty()) {
            return Optional.empty();
        }
        boolean bound = device && enabled.orElse(false);
        return Optional.of(new Finding.BalloonDriver(new Balloon(BalloonKind.VIRTIO, bound, "BALLOON"),
                WINDOWS_BALLOON_SERVICE + "\\Start"));
    }
}
