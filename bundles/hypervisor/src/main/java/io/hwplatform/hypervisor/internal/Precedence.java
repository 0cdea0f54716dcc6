package io.hwplatform.hypervisor.internal;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.Signal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The one order of precedence in which findings decide the hypervisor; documented step by step on
 * {@link io.hwplatform.api.hypervisor.HypervisorDetector}. A pure function of the findings.
 */
final class Precedence {

    /** Firmware that names these wins before CPUID: they also show KVM or Hyper-V signatures to their guests. */
    private static final Set<HypervisorType> FIRMWARE_EARLY_WINNERS =
            Set.of(HypervisorType.VIRTUALBOX, HypervisorType.PARALLELS, HypervisorType.XEN);
    /**
     * CPUID and clock claims that only count when nothing later decides: {@code Microsoft Hv} is also shown by KVM and
     * Xen with Hyper-V enlightenments, and under QEMU's emulation (TCG) the firmware strings are chosen freely.
     */
    private static final Set<HypervisorType> DEFERRED = Set.of(HypervisorType.HYPERV, HypervisorType.QEMU);
    /** After firmware's second pass, these decide in this order. */
    private static final List<Signal> LATE_SIGNALS =
            List.of(Signal.HYPERVISOR_SYSFS, Signal.DEVICE_TREE, Signal.SYSINFO, Signal.BUS, Signal.PCI);

    /**
     * @param type the verdict
     * @param source the source of the finding that decided it, or a sentence when no single finding did
     */
    record Decision(HypervisorType type, String source) {}

    private Precedence() {}

    /**
     * @param findings what every probe found
     * @param signatures the CPUID signatures that were read, to spot those no probe knows
     */
    static Decision decide(List<Finding> findings, SortedMap<Integer, String> signatures) {
        List<Finding.Hypervisor> claims = findings.stream()
                .filter(Finding.Hypervisor.class::isInstance).map(Finding.Hypervisor.class::cast).toList();

        Optional<Finding.Hypervisor> firmware = first(claims, Signal.FIRMWARE);
        if (firmware.isPresent() && FIRMWARE_EARLY_WINNERS.contains(firmware.get().type())) {
            return decision(firmware.get());
        }
        Optional<Finding.Hypervisor> early = first(claims, Signal.CPUINFO).or(() -> first(claims, Signal.XEN_DOMAIN));
        if (early.isPresent()) {
            return decision(early.get());
        }

        List<Finding.Hypervisor> cpuid = of(claims, Signal.CPUID)
                .sorted(Comparator.comparingLong(Finding.Hypervisor::order).reversed()).toList();
        Optional<Finding.Hypervisor> decisive = cpuid.stream().filter(claim -> !DEFERRED.contains(claim.type()))
                .findFirst()
                .or(() -> of(claims, Signal.PARAVIRT_CLOCK).filter(claim -> !DEFERRED.contains(claim.type())).findFirst());
        if (decisive.isPresent()) {
            return decision(decisive.get());
        }
        Optional<Finding.Hypervisor> deferred = cpuid.stream().findFirst()
                .or(() -> first(claims, Signal.PARAVIRT_CLOCK));

        Optional<Finding.Xen> dom0 = findings.stream().filter(Finding.Xen.class::isInstance).map(Finding.Xen.class::cast)
                .filter(xen -> xen.role().domain() == XenRole.Domain.DOM0).findFirst();
        if (dom0.isPresent()) {
            return new Decision(HypervisorType.XEN, dom0.get().source());
        }
        if (firmware.isPresent()) {
            return decision(firmware.get());
        }
        for (Signal signal : LATE_SIGNALS) {
            Optional<Finding.Hypervisor> late = first(claims, signal);
            if (late.isPresent()) {
                return decision(late.get());
            }
        }

        if (deferred.isPresent()) {
            return decision(deferred.get());
        }
        Optional<String> unknownSignature = signatures.keySet().stream()
                .filter(leaf -> cpuid.stream().noneMatch(claim -> claim.order() == leaf))
                .map(HostSignals::cpuidSource).findFirst();
        if (unknownSignature.isPresent()) {
            return new Decision(HypervisorType.OTHER, unknownSignature.get());
        }
        return first(claims, Signal.PRESENCE).map(Precedence::decision)
                .orElse(new Decision(HypervisorType.NONE, "no signal shows a hypervisor"));
    }

    private static Decision decision(Finding.Hypervisor claim) {
        return new Decision(claim.type(), claim.source());
    }

    private static Stream<Finding.Hypervisor> of(List<Finding.Hypervisor> claims, Signal signal) {
        return claims.stream().filter(claim -> claim.signal() == signal);
    }

    /** @return the claim of that signal with the lowest order (the first firmware field, ...) */
    private static Optional<Finding.Hypervisor> first(List<Finding.Hypervisor> claims, Signal signal) {
        return of(claims, signal).min(Comparator.comparingLong(Finding.Hypervisor::order));
    }
}
