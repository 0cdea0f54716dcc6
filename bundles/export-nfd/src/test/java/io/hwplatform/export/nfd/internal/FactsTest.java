package io.hwplatform.export.nfd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.HypervisorCapabilities;
import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FactsTest {

    /** Two nodes with CPUs and a CXL memory node (tier 22); the NVMe on node 1, a NIC the firmware gives no node. */
    static final NumaTopology MACHINE = new NumaTopology("linux", List.of(
            new NumaNode(0, new TreeSet<>(Set.of(0, 1)), 8L << 30, 4L << 30, 4, new TreeMap<>(Map.of(0, 10)), List.of()),
            new NumaNode(1, new TreeSet<>(Set.of(2, 3)), 8L << 30, 4L << 30, 4, new TreeMap<>(Map.of(1, 10)), List.of()),
            new NumaNode(2, new TreeSet<>(), 16L << 30, 16L << 30, 22, new TreeMap<>(Map.of(2, 10)), List.of())),
            new TreeSet<>(Set.of(0, 1, 2)), List.of(
                    new NumaDevice("nvme0n1", NumaDevice.Kind.BLOCK, new TreeSet<>(Set.of(1))),
                    new NumaDevice("0000:3b:00.0", NumaDevice.Kind.PCI, new TreeSet<>(Set.of(0, 1))),
                    new NumaDevice("eth0", NumaDevice.Kind.NET, new TreeSet<>())));

    static FakeRegistry kvmOnAws() {
        return new FakeRegistry()
                .with(HypervisorCapabilities.HYPERVISOR, Map.of(HypervisorCapabilities.TYPE, "kvm",
                        HypervisorCapabilities.CLOUD, "aws"))
                .with("hypervisor.kvm", Map.of(HypervisorCapabilities.TYPE, "kvm"))
                .with("balloon.xen", Map.of(HypervisorCapabilities.BALLOON_BOUND, false))
                .with("balloon.virtio", Map.of(HypervisorCapabilities.BALLOON_BOUND, true))
                .with("memory.pressure.psi", Map.of("memory.pressure.level", "moderate"));
    }

    @Test
    void stableFactsAreLabelsDeviceLocalityIsForRulesOnly() {
        List<Feature> features = Facts.of(kvmOnAws().capabilities, Optional.of(MACHINE), Optional.of(true),
                Set.copyOf(Facts.LABELS));

        assertThat(features).filteredOn(Feature::label).extracting(feature -> feature.name() + "=" + feature.value())
                .containsExactly("hypervisor=kvm", "cloud=aws", "balloon.kind=virtio", "balloon.bound=true",
                        "numa.nodes=3", "numa.memory-only-nodes=1", "numa.memory-tiers=4_22", "numa.binding=true");
        assertThat(features).filteredOn(feature -> !feature.label())
                .extracting(feature -> feature.name() + "=" + feature.value())
                .containsExactly("device.nvme0n1.nodes=1", "device.0000_3b_00.0.nodes=0_1");
        assertThat(features).as("pressure changes by the second: never a label")
                .noneMatch(feature -> feature.name().contains("pressure"));
    }

    @Test
    void theConfiguredLabelsAloneAndNothingForWhatIsMissing() {
        List<Feature> features = Facts.of(kvmOnAws().capabilities, Optional.empty(), Optional.empty(),
                Set.of("hypervisor", "numa.nodes"));

        assertThat(features).extracting(Feature::name).containsExactly("hypervisor");
        assertThat(Facts.of(List.of(), Optional.empty(), Optional.empty(), Set.copyOf(Facts.LABELS))).isEmpty();
    }
}
