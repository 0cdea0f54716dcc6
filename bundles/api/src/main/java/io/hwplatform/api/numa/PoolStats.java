package io.hwplatform.api.numa;

import java.util.Map;

/**
 * What the allocator's pool holds and has done. Counters are summed from per-thread counters without stopping the
 * threads, so under load they are approximate.
 *
 * @param backend the backend whose chunks new allocations use
 * @param chunks chunks the pool holds, of all backends (old ones are given up as their buffers come back)
 * @param chunkBytes bytes in those chunks
 * @param inUseBytes bytes of open buffers (rounded up to their size class)
 * @param allocations allocations served since start
 * @param steps allocations per fallback step
 * @param failures allocations that failed (strict policy, or no memory)
 * @param leaked buffers dropped without close and recovered after garbage collection
 * @param trimmedBytes bytes returned to the operating system by trimming
 * @param nodeChunks chunks per node (-1 for unbound chunks)
 * @param awaitingRelease chunks given up whose pages went back to the operating system, still mapped because a view
 *     of them may be reachable; unmapped once the garbage collector shows none is
 * @param awaitingReleaseBytes bytes of those chunks
 * @param quarantinedBytes bytes of closed buffers kept out of reuse until their views are unreachable
 * @param quarantine whether new buffers are quarantined after close
 * @param nodeChunkBytes bytes in chunks per node (-1 for unbound chunks)
 * @param nodeInUseBytes bytes of open buffers per node (-1 for unbound memory); in quarantine, closed buffers that
 *     wait for their views count here too
 * @since 2.3
 */
public record PoolStats(String backend, long chunks, long chunkBytes, long inUseBytes, long allocations,
        Map<AllocationStep, Long> steps, long failures, long leaked, long trimmedBytes, Map<Integer, Long> nodeChunks,
        long awaitingRelease, long awaitingReleaseBytes, long quarantinedBytes, boolean quarantine,
        Map<Integer, Long> nodeChunkBytes, Map<Integer, Long> nodeInUseBytes) {

    /** Makes the maps unmodifiable copies. */
    public PoolStats {
        steps = Map.copyOf(steps);
        nodeChunks = Map.copyOf(nodeChunks);
        nodeChunkBytes = Map.copyOf(nodeChunkBytes);
        nodeInUseBytes = Map.copyOf(nodeInUseBytes);
    }

    /** The statistics of the 2.2 API, without bytes per node. */
    public PoolStats(String backend, long chunks, long chunkBytes, long inUseBytes, long allocations,
            Map<AllocationStep, Long> steps, long failures, long leaked, long trimmedBytes, Map<Integer, Long> nodeChunks,
            long awaitingRelease, long awaitingReleaseBytes, long quarantinedBytes, boolean quarantine) {
        this(backend, chunks, chunkBytes, inUseBytes, allocations, steps, failures, leaked, trimmedBytes, nodeChunks,
                awaitingRelease, awaitingReleaseBytes, quarantinedBytes, quarantine, Map.of(), Map.of());
    }
}
