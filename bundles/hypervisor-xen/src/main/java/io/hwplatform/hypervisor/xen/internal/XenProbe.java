package io.hwplatform.hypervisor.xen.internal;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
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

/** Xen: domU or dom0, PV, HVM or PVH, and the Xen balloon. */
@Component
public final class XenProbe implements HypervisorProbe {

    static final Signatures FIRMWARE = Signatures.of("Xen", HypervisorType.XEN);
    static final Signatures CPUID = Signatures.of("XenVMMXenVMM", HypervisorType.XEN);

    static final String XEN_BUS = "/sys/bus/xen/devices";
    static final String PROC_XEN = "/proc/xen";
    static final String CAPABILITIES = "/proc/xen/capabilities";
    static final String FEATURES = "/sys/hypervisor/properties/features";
    static final String HYPERVISOR_TYPE = "/sys/hypervisor/type";
    static final String GUEST_TYPE = "/sys/hypervisor/guest_type";
    static final String DEVICE_TREE_HYPERVISOR = ProbeSupport.DEVICE_TREE_HYPERVISOR;
    static final String BALLOON = "/sys/devices/system/xen_memory/xen_memory0";
    /** XENFEAT_dom0: bit 11 of the hypervisor's feature flags. */
    static final long DOM0_FEATURE = 1L << 11;

    @Override
    public String name() {
        return "xen";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        ProbeSupport.firmware(host, FIRMWARE).ifPresent(findings::add);
        Optional<XenRole.Domain> domain = host.exists(PROC_XEN) ? Optional.of(domain(host)) : Optional.empty();
        domain.filter(XenRole.Domain.DOMU::equals).ifPresent(domU ->
                findings.add(new Finding.Hypervisor(HypervisorType.XEN, Signal.XEN_DOMAIN, 0, PROC_XEN)));
        findings.addAll(ProbeSupport.cpuid(host, CPUID));
        if (ProbeSupport.clocksources(host).contains("xen")) {
            findings.add(new Finding.Hypervisor(HypervisorType.XEN, Signal.PARAVIRT_CLOCK, 0,
                    ProbeSupport.CLOCKSOURCES));
        }
        if (!host.list(XEN_BUS).isEmpty()) { // xenbus devices: a Xen guest (or dom0) on any architecture
            findings.add(new Finding.Hypervisor(HypervisorType.XEN, Signal.BUS, 0, XEN_BUS));
        }
        findings.addAll(PciSignatures.findings(host, Set.of(HypervisorType.XEN)));
        if (host.text(HYPERVISOR_TYPE).filter("xen"::equals).isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.XEN, Signal.HYPERVISOR_SYSFS, 0, HYPERVISOR_TYPE));
        }
        if (ProbeSupport.deviceTreeHypervisor(host).filter(compatible -> compatible.contains("xen")).isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.XEN, Signal.DEVICE_TREE, 0, DEVICE_TREE_HYPERVISOR));
        }
        boolean xen = domain.isPresent() || findings.stream().anyMatch(Finding.Hypervisor.class::isInstance);
        if (xen) {
            XenRole role = new XenRole(domain.orElse(XenRole.Domain.DOMU), mode(host));
            findings.add(new Finding.Xen(role, domain.isPresent() ? roleSource(host) : PROC_XEN));
        }
        if (host.exists(BALLOON)) {
            findings.add(new Finding.BalloonDriver(new Balloon(BalloonKind.XEN, true, "xen_memory0"), BALLOON));
        }
        return findings;
    }

    /** dom0 when the hypervisor's features have XENFEAT_dom0, else when the capabilities list control_d; else domU. */
    static XenRole.Domain domain(HostSignals host) {
        Optional<Long> features = host.text(FEATURES).flatMap(XenProbe::hex);
        if (features.isPresent()) {
            return (features.get() & DOM0_FEATURE) != 0 ? XenRole.Domain.DOM0 : XenRole.Domain.DOMU;
        }
        boolean controlDomain = host.text(CAPABILITIES)
                .map(list -> List.of(list.split("\\s*,\\s*")).contains("control_d")).orElse(false);
        return controlDomain ? XenRole.Domain.DOM0 : XenRole.Domain.DOMU;
    }

    /** The kernel says PV, HVM or PVH in guest_type; without it, emulated firmware (SMBIOS) means HVM. */
    static XenRole.Mode mode(HostSignals host) {
        Optional<String> guestType = host.text(GUEST_TYPE).map(type -> type.toUpperCase(Locale.ROOT));
        if (guestType.isPresent()) {
            try {
                return XenRole.Mode.valueOf(guestType.get());
            } catch (IllegalArgumentException unknownMode) {
                return XenRole.Mode.UNKNOWN;
            }
        }
        return host.firmware(FirmwareField.SYS_VENDOR).isPresent() ? XenRole.Mode.HVM : XenRole.Mode.UNKNOWN;
    }

    private static String roleSource(HostSignals host) {
        return host.text(FEATURES).isPresent() ? FEATURES : host.text(CAPABILITIES).isPresent() ? CAPABILITIES : PROC_XEN;
    }

    static Optional<Long> hex(String text) {
        try {
            return Optional.of(Long.parseUnsignedLong(text.strip().replaceFirst("^0[xX]", ""), 16));
        } catch (NumberFormatException garbled) {
            return Optional.empty();
        }
    }
}
