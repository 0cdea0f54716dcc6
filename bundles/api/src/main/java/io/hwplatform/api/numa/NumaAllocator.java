package io.hwplatform.api.numa;

import java.util.SortedSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands out off-heap buffers bound to a chosen NUMA node, from pooled node-bound chunks.
 *
 * <p>The fallback chain: the preferred node; else the nearest node with memory (by distance; ties to the faster
 * memory tier, then more free memory); else memory with no binding. Each buffer says which step served it and where
 * the kernel actually placed it. On a machine with one memory node the allocator stays honest: {@link #isNumaAware()}
 * is false and buffers are plain off-heap memory.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
@ProviderType
public interface NumaAllocator {

    /** Same as {@code allocate(size, preferredNode, AllocationPolicy.FALLBACK)}. */
    NumaBuffer allocate(int size, int preferredNode);

    /**
     * @param size bytes, at least 1
     * @param preferredNode the node to place the memory on
     * @param policy whether to fall back when that node cannot serve
     * @return an open buffer of exactly {@code size} bytes
     * @throws NumaAllocationException under {@link AllocationPolicy#STRICT} when the preferred node cannot serve, or
     *     when no memory at all can be had
     * @throws IllegalArgumentException when size is not positive
     */
    NumaBuffer allocate(int size, int preferredNode, AllocationPolicy policy);

    /**
     * The nodes a device hangs on.
     *
     * @param device a block device ({@code nvme0n1}, {@code /dev/sda1}, {@code dm-0}), a NIC ({@code eth0}) or a PCI
     *     address ({@code 0000:3b:00.0})
     * @return the nodes; empty when the platform does not say or the device is unknown
     */
    SortedSet<Integer> nodesOf(String device);

    /** @return whether allocations are really bound to nodes: more than one node has memory and binding works */
    boolean isNumaAware();

    /** @return the topology as the current backend reads it now */
    NumaTopology topology();

    /** @return the pool's counters */
    PoolStats stats();

    /**
     * Returns every wholly free chunk to the operating system (after collecting buffers that were dropped without
     * close).
     *
     * @return bytes returned
     */
    long trim();
}
