package io.hwplatform.api.numa;

import java.util.Optional;
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
 * <p>Alignment: a buffer of 4 KiB or more starts on a 4096-byte boundary (smaller ones on a multiple of their size
 * class, at least 1 KiB), so that a storage engine can read into it from a file opened with
 * {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}.
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
     * Same as {@code allocateNear(device, size, AllocationPolicy.FALLBACK)}: never throws for an unknown device.
     *
     * @since 2.1
     */
    NumaBuffer allocateNear(String device, int size);

    /**
     * Allocates on the node that serves a device ({@link #nodeFor(String)}), then down the usual chain: what a storage
     * engine or a network stack asks for its buffers. The buffer's {@link NumaBuffer#step()} is
     * {@link AllocationStep#DEVICE} when the device's node served, {@link AllocationStep#LOCAL} when the device gave
     * no node and the calling thread's node served.
     *
     * @param device as for {@link #nodesOf(String)}
     * @param size bytes, at least 1
     * @param policy under {@link AllocationPolicy#STRICT} only the device's own node will do
     * @return an open buffer of exactly {@code size} bytes
     * @throws NumaAllocationException under {@link AllocationPolicy#STRICT} when the device gives no node or its node
     *     cannot serve, or when no memory at all can be had
     * @throws IllegalArgumentException when size is not positive
     * @since 2.1
     */
    NumaBuffer allocateNear(String device, int size, AllocationPolicy policy);

    /**
     * The node that serves a device: the node it hangs on; for a device that spans nodes (a dm or md volume over
     * disks on several nodes, multipath NVMe) the one of them nearest the calling thread's node, ties to the faster
     * memory tier, then more free memory; for an unknown device, one the firmware gives no node, or a machine without
     * NUMA, the calling thread's node. Device locality is read once and kept for a few seconds, so this is cheap enough to call per buffer.
     *
     * @param device as for {@link #nodesOf(String)}
     * @return a node id; never fails for an unknown device
     * @since 2.1
     */
    int nodeFor(String device);

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

    /**
     * @return why buffers cannot be bound to nodes with the current backend (the kernel refused binding with EPERM,
     *     as a container's seccomp profile does, or ENOSYS), in words; empty while binding works or was not yet tried
     * @since 2.2
     */
    Optional<String> bindingUnavailable();

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
