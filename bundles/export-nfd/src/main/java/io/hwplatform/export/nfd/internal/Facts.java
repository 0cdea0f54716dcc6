package io.hwplatform.export.nfd.internal;

import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.api.hypervisor.HypervisorCapabilities;
import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The facts worth a node label, and those only a rule should match, from the capabilities and the NUMA topology. Pure.
 *
 * <p>Labels are for facts that stay put while the node lives: what it runs under, its balloon, its NUMA shape.
 * Pressure levels change by the second and are never a label (a label change reschedules nothing, but it churns the
 * API server). NFD's own {@code memory-numa} and {@code cpu-cpuid.HYPERVISOR} are not repeated.
 */
final class Facts {

    /** Every label this bundle can write; the configuration picks among them. */
    static final List<String> LABELS = List.of("hypervisor", "cloud", "container", "balloon.kind", "balloon.bound",
            "numa.nodes", "numa.memory-only-nodes", "numa.memory-tiers", "numa.binding");

    private Facts() {}

    /**
     * @param capabilities the registry's capabilities now
     * @param topology the allocator's topology, when the allocator is there
     * @param numaBinding whether buffers are really node-bound ({@code NumaAllocator.isNumaAware()}), when known
     * @param labels the label names to write (others are left out)
     */
    static List<Feature> of(List<PlatformCapability> capabilities, Optional<NumaTopology> topology,
            Optional<Boolean> numaBinding, Set<String> labels) {
        List<Feature> features = new ArrayList<>();
        find(capabilities, HypervisorCapabilities.HYPERVISOR).ifPresent(hypervisor -> {
            Map<String, Object> attributes = hypervisor.attributes();
            add(features, labels, "hypervisor", attributes.get(HypervisorCapabilities.TYPE));
            add(features, labels, "cloud", attributes.get(HypervisorCapabilities.CLOUD));
            add(features, labels, "container", attributes.get(HypervisorCapabilities.CONTAINER));
        });
        balloon(capabilities).ifPresent(balloon -> {
            add(features, labels, "balloon.kind",
                    balloon.name().substring(HypervisorCapabilities.BALLOON_PREFIX.length()));
            add(features, labels, "balloon.bound", balloon.attributes().get(HypervisorCapabilities.BALLOON_BOUND));
        });
        topology.ifPresent(machine -> {
            add(features, labels, "numa.nodes", machine.nodes().size());
            add(features, labels, "numa.memory-only-nodes", machine.memoryOnlyNodes().size());
            TreeSet<Integer> tiers = machine.nodes().stream().map(NumaNode::memoryTier).filter(tier -> tier >= 0)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!tiers.isEmpty()) {
                add(features, labels, "numa.memory-tiers", tiers.stream().map(String::valueOf)
                        .collect(Collectors.joining("_")));
            }
            for (NumaDevice device : machine.devices()) {
                if (!device.nodes().isEmpty()) {
                    String name = "device." + NfdNames.sanitise(device.name(), 40) + ".nodes";
                    features.add(new Feature(name, device.nodes().stream().map(String::valueOf)
                            .collect(Collectors.joining("_")), false));
                }
            }
        });
        numaBinding.ifPresent(binding -> add(features, labels, "numa.binding", binding));
        return features;
    }

    private static void add(List<Feature> features, Set<String> labels, String name, Object value) {
        if (value != null && labels.contains(name)) {
            features.add(new Feature(name, NfdNames.sanitise(String.valueOf(value), NfdNames.MAX_VALUE), true));
        }
    }

    private static Optional<PlatformCapability> find(List<PlatformCapability> capabilities, String name) {
        return capabilities.stream().filter(capability -> capability.name().equals(name)).findFirst();
    }

    /** The hypervisor's balloon capabilities ({@code balloon.<kind>}), a bound one first. */
    private static Optional<PlatformCapability> balloon(List<PlatformCapability> capabilities) {
        return capabilities.stream()
                .filter(capability -> capability.name().startsWith(HypervisorCapabilities.BALLOON_PREFIX))
                .filter(capability -> capability.attributes().containsKey(HypervisorCapabilities.BALLOON_BOUND))
                .min(Comparator.comparing((PlatformCapability capability) -> !Objects.equals(Boolean.TRUE,
                        capability.attributes().get(HypervisorCapabilities.BALLOON_BOUND)))
                        .thenComparing(PlatformCapability::name));
    }
}
