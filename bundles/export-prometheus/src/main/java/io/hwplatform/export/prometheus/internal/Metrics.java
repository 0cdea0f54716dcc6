package io.hwplatform.export.prometheus.internal;

import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What hwplatform knows and node_exporter does not, as Prometheus metrics: the pool, the governor's pressure and
 * reclaims, the balloon, the hypervisor verdict, the NUMA nodes as this JVM sees them. Names follow Prometheus's
 * conventions ({@code hwplatform_} prefix, base units, {@code _bytes}, {@code _seconds}, {@code _total} for
 * counters). node_exporter's own node memory and CPU metrics are not repeated. Pure.
 */
final class Metrics {

    /** What the metrics are made of; each part absent when its service is. */
    record Inputs(Optional<PoolStats> pool, Optional<NumaTopology> topology, Optional<MemoryStatus> memory,
            List<MemoryGovernor.SourceInfo> sources, Optional<HypervisorInfo> hypervisor, ReclaimTotals reclaims) {}

    private Metrics() {}

    static MetricSnapshots of(Inputs inputs) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        inputs.pool().ifPresent(pool -> pool(pool, metrics));
        inputs.topology().ifPresent(topology -> nodes(topology, metrics));
        memory(inputs, metrics);
        inputs.hypervisor().ifPresent(info -> metrics.add(InfoSnapshot.builder().name("hwplatform_hypervisor")
                .help("The hypervisor verdict and the signal that decided it")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(
                        "type", info.type().id(),
                        "cloud", orEmpty(info.cloud()),
                        "container", orEmpty(info.container()),
                        "balloon_kind", info.balloon() == null ? "" : info.balloon().kind().id(),
                        "decided_by", info.decidedBy())).build())
                .build()));
        return new MetricSnapshots(metrics);
    }

    private static void pool(PoolStats pool, List<MetricSnapshot> metrics) {
        metrics.add(gauge("hwplatform_numa_pool_in_use_bytes", "Bytes of pooled buffers handed out and not closed",
                pool.inUseBytes()));
        metrics.add(gauge("hwplatform_numa_pool_mapped_bytes", "Bytes of chunks the pool holds from the operating system",
                pool.chunkBytes()));
        metrics.add(byNode("hwplatform_numa_pool_chunks", "Chunks the pool holds, by the node they are bound to "
                + "(-1: unbound)", pool.nodeChunks()));
        metrics.add(byNode("hwplatform_numa_pool_node_mapped_bytes", "Bytes of the pool's chunks, by the node they are "
                + "bound to (-1: unbound)", pool.nodeChunkBytes()));
        metrics.add(byNode("hwplatform_numa_pool_node_in_use_bytes", "Bytes of pooled buffers handed out and not "
                + "closed, by node (-1: unbound)", pool.nodeInUseBytes()));
        CounterSnapshot.Builder steps = CounterSnapshot.builder().name("hwplatform_numa_allocations")
                .help("Buffers handed out, by the step of the fallback chain that served them");
        for (AllocationStep step : AllocationStep.values()) {
            steps.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("step", step.id()))
                    .value(pool.steps().getOrDefault(step, 0L)).build());
        }
        metrics.add(steps.build());
        metrics.add(counter("hwplatform_numa_allocation_failures", "Allocations that no step could serve",
                pool.failures()));
        metrics.add(counter("hwplatform_numa_leaks_recovered", "Buffers recovered after being dropped without close",
                pool.leaked()));
        metrics.add(counter("hwplatform_numa_trimmed_bytes", "Bytes of wholly free chunks given back by trim",
                pool.trimmedBytes()));
    }

    private static void nodes(NumaTopology topology, List<MetricSnapshot> metrics) {
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name("hwplatform_numa_node_memory_bytes")
                .help("Memory of each NUMA node");
        GaugeSnapshot.Builder free = GaugeSnapshot.builder().name("hwplatform_numa_node_free_bytes")
                .help("Free memory of each NUMA node");
        GaugeSnapshot.Builder cpus = GaugeSnapshot.builder().name("hwplatform_numa_node_cpus")
                .help("Online CPUs of each NUMA node (0 for a memory-only node)");
        for (NumaNode node : topology.nodes()) {
            Labels labels = Labels.of("node", String.valueOf(node.id()));
            memory.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                    .value(node.memoryTotalBytes()).build());
            free.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                    .value(node.memoryFreeBytes()).build());
            cpus.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(node.cpus().size())
                    .build());
        }
        metrics.add(memory.build());
        metrics.add(free.build());
        metrics.add(cpus.build());
    }

    private static void memory(Inputs inputs, List<MetricSnapshot> metrics) {
        if (!inputs.sources().isEmpty()) {
            GaugeSnapshot.Builder levels = GaugeSnapshot.builder().name("hwplatform_memory_pressure_level")
                    .help("Memory pressure by source: 0 none, 1 moderate, 2 critical");
            for (MemoryGovernor.SourceInfo source : inputs.sources()) {
                levels.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("source", source.name()))
                        .value(source.current() == null ? 0 : level(source.current().level())).build());
            }
            metrics.add(levels.build());
        }
        inputs.memory().ifPresent(status -> {
            metrics.add(gauge("hwplatform_memory_resident_bytes", "This JVM's resident memory", status.residentBytes()));
            if (status.balloonBound()) {
                metrics.add(gauge("hwplatform_balloon_bytes", "Memory the hypervisor's balloon holds now",
                        status.balloonBytes()));
                metrics.add(gauge("hwplatform_balloon_target_bytes", "Memory the hypervisor asks the balloon to hold",
                        status.balloonTargetBytes()));
            }
        });
        ReclaimTotals totals = inputs.reclaims();
        metrics.add(counter("hwplatform_memory_reclaims", "Reclaims the governor ran", totals.reclaims.get()));
        metrics.add(counter("hwplatform_memory_reclaim_wanted_bytes", "Bytes the reclaims asked for",
                totals.wantedBytes.get()));
        metrics.add(counter("hwplatform_memory_reclaim_released_bytes", "Bytes the reclaimers released",
                totals.releasedBytes.get()));
        metrics.add(counter("hwplatform_memory_returned_bytes", "Bytes given back to the operating system",
                totals.returnedBytes.get()));
        ReclaimReport last = totals.last.get();
        if (last != null) {
            metrics.add(gauge("hwplatform_memory_last_reclaim_duration_seconds", "How long the last reclaim took",
                    last.millis() / 1000.0));
        }
    }

    private static int level(PressureLevel level) {
        return switch (level) {
            case NONE -> 0;
            case MODERATE -> 1;
            case CRITICAL -> 2;
        };
    }

    private static GaugeSnapshot byNode(String name, String help, Map<Integer, Long> values) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((node, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("node", String.valueOf(node))).value(value).build()));
        return gauge.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
