package io.hwplatform.export.prometheus.internal;

import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.support.pressure.GovernorWatch;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The metrics as they are now, for both ways out (the textfile and {@code /metrics}): one place that follows the
 * services and counts the reclaims, so that both outputs say the same. A service of this bundle's private package:
 * other bundles cannot name its type.
 */
@Component(service = CurrentMetrics.class)
public final class CurrentMetrics {

    /** Immutable, so one for every scrape and write. */
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
    /** The text format's media type, as Prometheus negotiates it. */
    static final String CONTENT_TYPE = WRITER.getContentType();

    private final ReclaimTotals reclaims = new ReclaimTotals();
    private final GovernorWatch watch = new GovernorWatch(reclaims);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NumaAllocator allocator;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HypervisorDetector hypervisor;

    /** The reclaims are counted as they happen, from the governor's own reports. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGovernor(MemoryGovernor memory) {
        watch.bind(memory);
    }

    void unsetGovernor(MemoryGovernor memory) {
        watch.unbind(memory);
    }

    @Deactivate
    void deactivate() {
        watch.close();
    }

    /** @return the metrics now, in Prometheus's text format */
    String text() {
        NumaAllocator numa = allocator;
        MemoryGovernor memory = watch.governor().orElse(null);
        HypervisorDetector detector = hypervisor;
        Metrics.Inputs inputs = new Metrics.Inputs(
                Optional.ofNullable(numa).map(NumaAllocator::stats),
                Optional.ofNullable(numa).map(NumaAllocator::topology),
                Optional.ofNullable(memory).map(MemoryGovernor::status),
                memory == null ? List.of() : memory.sources(),
                Optional.ofNullable(detector).map(HypervisorDetector::info), reclaims);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            WRITER.write(text, Metrics.of(inputs));
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
