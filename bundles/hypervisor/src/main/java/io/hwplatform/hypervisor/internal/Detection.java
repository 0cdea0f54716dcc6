package io.hwplatform.hypervisor.internal;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One detection: every probe examines the same host signals, then the findings are weighed and explained. */
final class Detection {

    private Detection() {}

    static HypervisorInfo run(HostSignals host, Collection<HypervisorProbe> probes, String root) {
        List<Finding> findings = new ArrayList<>();
        List<Evidence> failures = new ArrayList<>();
        for (HypervisorProbe probe : probes) {
            try {
                findings.addAll(probe.examine(host));
            } catch (RuntimeException | Error e) {
                failures.add(new Evidence("probe " + probe.name(), "failed: " + e, "ignored in this detection"));
            }
        }
        Precedence.Decision decision = Precedence.decide(findings, host.cpuidSignatures());
        String vendor = host.firmware(FirmwareField.SYS_VENDOR).orElse(null);
        String product = host.firmware(FirmwareField.PRODUCT_NAME).orElse(null);

        List<Evidence> evidence = explain(host.evidence(), findings, host, decision);
        evidence.addAll(failures);
        return new HypervisorInfo(decision.type(), vendor, product,
                first(findings, Finding.Cloud.class).map(Finding.Cloud::provider).orElse(null),
                decision.type() == HypervisorType.XEN ? first(findings, Finding.Xen.class).map(Finding.Xen::role)
                        .orElse(new XenRole(XenRole.Domain.DOMU, XenRole.Mode.UNKNOWN)) : null,
                first(findings, Finding.Container.class).map(Finding.Container::name).orElse(null),
                balloon(findings, decision.type()),
                describe(decision, evidence),
                evidence, root);
    }

    /** The balloon that belongs to the verdict's hypervisor, bound ones first; else any bound one; else any. */
    static Balloon balloon(List<Finding> findings, HypervisorType type) {
        return findings.stream().filter(Finding.BalloonDriver.class::isInstance)
                .map(finding -> ((Finding.BalloonDriver) finding).balloon())
                .min(Comparator.comparing((Balloon balloon) -> !balloon.kind().belongsTo(type))
                        .thenComparing(balloon -> !balloon.bound()))
                .orElse(null);
    }

    /** Adds to each read what the findings made of it, and marks unknown CPUID signatures. */
    private static List<Evidence> explain(List<Evidence> reads, List<Finding> findings, HostSignals host,
            Precedence.Decision decision) {
        Map<String, List<String>> meanings = new LinkedHashMap<>();
        for (Finding finding : findings) {
            meanings.computeIfAbsent(finding.source(), source -> new ArrayList<>()).add(finding.meaning());
        }
        host.cpuidSignatures().keySet().stream()
                .map(HostSignals::cpuidSource)
                .filter(source -> !meanings.containsKey(source))
                .forEach(source -> meanings.put(source, new ArrayList<>(List.of("unknown hypervisor signature"))));
        meanings.computeIfPresent(decision.source(), (source, meaning) -> {
            meaning.add(0, "DECIDES");
            return meaning;
        });

        List<Evidence> evidence = new ArrayList<>();
        for (Evidence read : reads) {
            List<String> meaning = meanings.remove(read.source());
            evidence.add(meaning == null ? read : new Evidence(read.source(), read.observed(), String.join("; ", meaning)));
        }
        meanings.forEach((source, meaning) -> evidence.add(new Evidence(source, "", String.join("; ", meaning))));
        return evidence;
    }

    private static String describe(Precedence.Decision decision, List<Evidence> evidence) {
        return evidence.stream().filter(row -> row.source().equals(decision.source())).findFirst()
                .map(row -> row.source() + (row.observed().isEmpty() ? "" : " = " + row.observed()))
                .orElse(decision.source());
    }

    private static <T extends Finding> Optional<T> first(List<Finding> findings, Class<T> kind) {
        return findings.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** @return the probes in a stable order, so that evidence reads in the same order every time */
    static List<HypervisorProbe> ordered(Collection<HypervisorProbe> probes) {
        return probes.stream().sorted(Comparator.comparing(HypervisorProbe::name)).collect(Collectors.toList());
    }
}
