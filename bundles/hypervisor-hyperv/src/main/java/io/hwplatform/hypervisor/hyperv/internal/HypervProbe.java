package io.hwplatform.hypervisor.hyperv.internal;

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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Microsoft Hyper-V (and Azure), and its Dynamic Memory balloon. */
@Component
public final class HypervProbe implements HypervisorProbe {

    static final Signatures CPUID = Signatures.of("Microsoft Hv", HypervisorType.HYPERV);
    /** The vmbus device class of Dynamic Memory, the Hyper-V balloon. */
    static final String DYNAMIC_MEMORY_CLASS = "{525074dc-8985-46e2-8057-a307dc18a502}";
    static final String VMBUS_DEVICES = "/sys/bus/vmbus/devices";
    static final String BALLOON_DRIVER = "/sys/bus/vmbus/drivers/hv_balloon";
    static final String WINDOWS_VMBUS_DEVICES = "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\VMBUS";
    static final String WINDOWS_BALLOON_SERVICE = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\dmvsc";

    @Override
    public String name() {
        return "hyperv";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        firmware(host).ifPresent(findings::add);
        findings.addAll(ProbeSupport.cpuid(host, CPUID));
        if (ProbeSupport.clocksources(host).stream().anyMatch(clock -> clock.startsWith("hyperv_clocksource"))) {
            findings.add(new Finding.Hypervisor(HypervisorType.HYPERV, Signal.PARAVIRT_CLOCK, 0,
                    ProbeSupport.CLOCKSOURCES));
        }
        if (!host.list(VMBUS_DEVICES).isEmpty()) {
            findings.add(new Finding.Hypervisor(HypervisorType.HYPERV, Signal.BUS, 0, VMBUS_DEVICES));
        }
        findings.addAll(PciSignatures.findings(host, Set.of(HypervisorType.HYPERV)));
        (host.os() == HostSignals.Os.WINDOWS ? windowsBalloon(host) : linuxBalloon(host)).ifPresent(findings::add);
        return findings;
    }

    /**
     * Hyper-V's firmware says {@code Microsoft Corporation} / {@code Virtual Machine}, sometimes a product version
     * starting {@code Hyper-V}. {@code Microsoft Corporation} alone is a Surface laptop, not a VM.
     */
    static Optional<Finding> firmware(HostSignals host) {
        boolean microsoft = host.firmware(FirmwareField.SYS_VENDOR).filter("Microsoft Corporation"::equals).isPresent();
        if (microsoft && host.firmware(FirmwareField.PRODUCT_NAME).filter("Virtual Machine"::equals).isPresent()) {
            return Optional.of(new Finding.Hypervisor(HypervisorType.HYPERV, Signal.FIRMWARE,
                    FirmwareField.PRODUCT_NAME.ordinal(), host.firmwareSource(FirmwareField.PRODUCT_NAME)));
        }
        return ProbeSupport.firmware(host, Signatures.of("Hyper-V", HypervisorType.HYPERV));
    }

    private static Optional<Finding> linuxBalloon(HostSignals host) {
        return ProbeSupport.busDevice(host, VMBUS_DEVICES, "class_id", DYNAMIC_MEMORY_CLASS).map(device ->
                new Finding.BalloonDriver(new Balloon(BalloonKind.HYPERV,
                        host.exists(BALLOON_DRIVER + "/" + device.getKey()), device.getKey()), device.getValue()));
    }

    /** The Dynamic Memory vmbus device, bound when the dmvsc driver service is installed and enabled. */
    private static Optional<Finding> windowsBalloon(HostSignals host) {
        boolean device = host.registrySubkeys(WINDOWS_VMBUS_DEVICES).stream()
                .anyMatch(id -> id.toLowerCase(Locale.ROOT).contains(DYNAMIC_MEMORY_CLASS));
        if (!device) {
            return Optional.empty();
        }
        boolean bound = ProbeSupport.serviceEnabled(host, WINDOWS_BALLOON_SERVICE).orElse(false);
        return Optional.of(new Finding.BalloonDriver(new Balloon(BalloonKind.HYPERV, bound, "dmvsc"),
                WINDOWS_VMBUS_DEVICES));
    }
}
