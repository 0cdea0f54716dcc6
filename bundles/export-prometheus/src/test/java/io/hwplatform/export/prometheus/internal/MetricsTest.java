package io.hwplatform.export.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** A two-node KVM guest on AWS with a bound virtio balloon, a busy pool and one reclaim behind it. */
    static Metrics.Inputs busyGuest() {
        PoolStats pool = new PoolStats("linux", 3, 12L << 20, 5L << 20, 1000,
                Map.of(AllocationStep.PREFERRED, 900L, AllocationStep.DEVICE, 60L, AllocationStep.NEAREST, 40L), 2, 1,
                8L << 20, Map.of(0, 2L, 1, 1L), 0, 0, 0, false, Map.of(0, 8L << 20, 1, 4L << 20),
                Map.of(0, 4L << 20, 1, 1L << 20));
        NumaTopology topology = new NumaTopology("linux", List.of(
                new NumaNode(0, new TreeSet<>(Set.of(0, 1)), 4L << 30, 1L << 30, 4, new TreeMap<>(Map.of(0, 10, 1, 21)),
                        List.of()),
                new NumaNode(1, new TreeSet<>(Set.of(2, 3)), 4L << 30, 2L << 30, 4, new TreeMap<>(Map.of(0, 21, 1, 10)),
                        List.of())), new TreeSet<>(Set.of(0, 1)));
        MemoryPressure moderate = new MemoryPressure(PressureLevel.MODERATE, "psi", 1 << 20, Instant.EPOCH,
                "some avg10=12.00");
        MemoryStatus status = new MemoryStatus(PressureLevel.MODERATE, List.of(moderate), BalloonKind.VIRTIO, true,
                512L << 20, 768L << 20, 300L << 20, null, List.of());
        HypervisorInfo info = new HypervisorInfo(HypervisorType.KVM, "Amazon EC2", "m5.large", "aws", null, null,
                new Balloon(BalloonKind.VIRTIO, true, "virtio2"), "cpuid 0x40000000 = \"KVMKVMKVM\"", List.of(), "/");
        ReclaimTotals reclaims = new ReclaimTotals();
        reclaims.reclaimed(new ReclaimReport(Instant.EPOCH, PressureLevel.MODERATE, "psi", 64L << 20, 48L << 20,
                List.of(), 40L << 20, 400L << 20, 352L << 20, 250));
        return new Metrics.Inputs(Optional.of(pool), Optional.of(topology), Optional.of(status),
                List.of(new MemoryGovernor.SourceInfo("psi", true, "PSI", moderate),
                        new MemoryGovernor.SourceInfo("cgroup", false, "no limit", null)),
                Optional.of(info), reclaims);
    }

    static String text(Metrics.Inputs inputs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, Metrics.of(inputs));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyFactIsAMetricNamedByTheConventions() throws IOException {
        String text = text(busyGuest());

        assertThat(text).contains("hwplatform_numa_pool_in_use_bytes 5242880.0\n")
                .contains("hwplatform_numa_pool_mapped_bytes 1.2582912E7\n")
                .contains("hwplatform_numa_pool_chunks{node=\"1\"} 1.0\n")
                .contains("hwplatform_numa_pool_node_mapped_bytes{node=\"0\"} 8388608.0\n")
                .contains("hwplatform_numa_pool_node_in_use_bytes{node=\"1\"} 1048576.0\n")
                .contains("# TYPE hwplatform_numa_allocations_total counter\n")
                .contains("hwplatform_numa_allocations_total{step=\"device\"} 60.0\n")
                .contains("hwplatform_numa_allocations_total{step=\"local\"} 0.0\n")
                .contains("hwplatform_numa_allocation_failures_total 2.0\n")
                .contains("hwplatform_numa_leaks_recovered_total 1.0\n")
                .contains("hwplatform_numa_node_free_bytes{node=\"1\"} 2.147483648E9\n")
                .contains("hwplatform_numa_node_cpus{node=\"0\"} 2.0\n")
                .contains("hwplatform_memory_pressure_level{source=\"psi\"} 1.0\n")
                .contains("hwplatform_memory_pressure_level{source=\"cgroup\"} 0.0\n")
                .contains("hwplatform_balloon_bytes 5.36870912E8\n")
                .contains("hwplatform_memory_reclaims_total 1.0\n")
                .contains("hwplatform_memory_returned_bytes_total 4.194304E7\n")
                .contains("hwplatform_memory_last_reclaim_duration_seconds 0.25\n")
                .contains("hwplatform_hypervisor_info{balloon_kind=\"virtio\",cloud=\"aws\",container=\"\","
                        + "decided_by=\"cpuid 0x40000000 = \\\"KVMKVMKVM\\\"\",type=\"kvm\"} 1\n");
    }

    @Test
    void withNoServiceBoundOnlyTheReclaimCountersAreThere() throws IOException {
        String text = text(new Metrics.Inputs(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), new ReclaimTotals()));

        assertThat(text).contains("hwplatform_memory_reclaims_total 0.0").doesNotContain("hwplatform_numa")
                .doesNotContain("hypervisor_info").doesNotContain("last_reclaim");
    }
}
