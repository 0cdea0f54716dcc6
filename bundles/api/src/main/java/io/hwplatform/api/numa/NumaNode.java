package io.hwplatform.api.numa;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One NUMA node as the operating system describes it.
 *
 * @param id the node id (ids may be sparse: 0, 1, 2, 33, ...)
 * @param cpus the online CPUs of the node; empty for a memory-only node
 * @param memoryTotalBytes memory the node has; 0 for a CPU-only node
 * @param memoryFreeBytes memory free on the node when the topology was read
 * @param memoryTier the kernel's memory tier of the node (lower is faster; DRAM is 4 by default), or -1 when unknown
 * @param distances distance from this node to every node (10 = local), by node id; empty when unknown
 * @param devices the devices attached to this node
 */
public record NumaNode(int id, SortedSet<Integer> cpus, long memoryTotalBytes, long memoryFreeBytes, int memoryTier,
        SortedMap<Integer, Integer> distances, List<NumaDevice> devices) {

    /** The distance of a node to itself. */
    public static final int LOCAL_DISTANCE = 10;

    /** @throws NullPointerException when a collection is null */
    public NumaNode {
        cpus = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(cpus, "cpus")));
        distances = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(distances, "distances")));
        devices = List.copyOf(devices);
    }

    /** @return whether the node has memory, i.e. can be an allocation target */
    public boolean hasMemory() {
        return memoryTotalBytes > 0;
    }

    /** @return whether the node has memory but no CPU (CXL, PMEM, HBM and GPU memory look like this) */
    public boolean isMemoryOnly() {
        return hasMemory() && cpus.isEmpty();
    }

    /** @return the distance to another node, or -1 when unknown */
    public int distanceTo(int node) {
        return node == id && distances.isEmpty() ? LOCAL_DISTANCE : distances.getOrDefault(node, -1);
    }

    /** @return a copy with the given devices */
    public NumaNode withDevices(List<NumaDevice> attached) {
        return new NumaNode(id, cpus, memoryTotalBytes, memoryFreeBytes, memoryTier, distances, attached);
    }
}
