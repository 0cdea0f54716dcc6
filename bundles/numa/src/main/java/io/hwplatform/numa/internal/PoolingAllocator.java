package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBackend;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The allocator over the current backend's pool. Swapping the backend starts a new pool and retires the old one,
 * whose chunks go back to the old backend as their buffers close; no allocation waits for or fails by a swap.
 *
 * <p>Public so that it can be used, and benchmarked, outside an OSGi framework: {@code new PoolingAllocator()}, then
 * {@link #use(NumaBackend)}.
 */
public final class PoolingAllocator implements NumaAllocator {

    private final ReferenceQueue<PooledBuffer> leaks = new ReferenceQueue<>();
    private final List<Pool> retired = new CopyOnWriteArrayList<>();
    private volatile Pool current;

    /** Makes the backend the one new allocations use. */
    public synchronized void use(NumaBackend backend) {
        Pool previous = current;
        if (previous != null && previous.backend == backend) {
            return;
        }
        // Retire first, then publish the new pool: a thread that makes its cache in the new pool must find the old
        // pool among the retired ones, to drain its cache there.
        if (previous != null) {
            previous.retire();
            retired.add(previous);
        }
        current = new Pool(backend, leaks, this::drainRetiredCachesOfThisThread);
        forgetEmptyRetiredPools();
    }

    /** Retires the current pool: used when the last backend goes away or the allocator stops. */
    synchronized void stop() {
        if (current != null) {
            current.retire();
            retired.add(current);
        }
    }

    /** @return the current backend, or null before the first */
    NumaBackend backend() {
        Pool pool = current;
        return pool == null ? null : pool.backend;
    }

    @Override
    public NumaBuffer allocate(int size, int preferredNode) {
        return allocate(size, preferredNode, AllocationPolicy.FALLBACK);
    }

    @Override
    public NumaBuffer allocate(int size, int preferredNode, AllocationPolicy policy) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        return pool().allocate(size, preferredNode, Objects.requireNonNull(policy, "policy"));
    }

    @Override
    public SortedSet<Integer> nodesOf(String device) {
        return pool().backend.nodesOf(device);
    }

    @Override
    public boolean isNumaAware() {
        return pool().numaAware();
    }

    @Override
    public NumaTopology topology() {
        return pool().backend.topology();
    }

    /** @return the topology the current pool took from its backend: its nodes, not today's free memory */
    NumaTopology adoptedTopology() {
        return pool().topology;
    }

    /** @return why binding to nodes does not work with the current backend, or null when it does */
    String bindingUnavailable() {
        return pool().bindingUnavailable();
    }

    @Override
    public PoolStats stats() {
        recoverLeaks();
        Pool pool = pool();
        pool.drainDeadThreads();
        List<Pool> all = new java.util.ArrayList<>(retired);
        all.add(pool);
        Map<AllocationStep, Long> steps = new EnumMap<>(AllocationStep.class);
        Map<Integer, Long> nodeChunks = new HashMap<>();
        long chunks = 0;
        long chunkBytes = 0;
        long inUse = 0;
        long allocations = 0;
        long failures = 0;
        long leaked = 0;
        long trimmed = 0;
        for (Pool each : all) {
            chunks += each.chunks();
            chunkBytes += each.chunkBytes();
            inUse += each.inUseBytes();
            allocations += each.allocations();
            failures += each.failures();
            leaked += each.leaked.get();
            trimmed += each.trimmedBytes.get();
            for (AllocationStep step : AllocationStep.values()) {
                steps.merge(step, each.steps(step), Long::sum);
            }
            each.nodeChunks().forEach((node, count) -> nodeChunks.merge(node, count, Long::sum));
        }
        return new PoolStats(pool.backend.name(), chunks, chunkBytes, inUse, allocations, steps, failures, leaked,
                trimmed, nodeChunks);
    }

    @Override
    public long trim() {
        recoverLeaks();
        long bytes = pool().trim();
        for (Pool pool : retired) {
            pool.drainDeadThreads();
        }
        forgetEmptyRetiredPools();
        return bytes;
    }

    /** Puts back the blocks of buffers that were dropped without close and have been collected. */
    void recoverLeaks() {
        for (Reference<? extends PooledBuffer> ref = leaks.poll(); ref != null; ref = leaks.poll()) {
            LeakRef leak = (LeakRef) ref;
            leak.chunk.leakRefs[leak.block] = null;
            leak.chunk.pool.reclaimLeaked(leak.chunk, leak.block);
        }
    }

    /** A thread's first use of a new pool: its caches in retired pools are of no use any more. */
    private void drainRetiredCachesOfThisThread() {
        for (Pool pool : retired) {
            pool.drainOwnCache();
        }
        recoverLeaks();
    }

    private void forgetEmptyRetiredPools() {
        retired.removeIf(Pool::isEmpty);
    }

    private Pool pool() {
        Pool pool = current;
        if (pool == null) {
            throw new IllegalStateException("no NUMA backend is available");
        }
        return pool;
    }
}
