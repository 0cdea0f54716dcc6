package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocationException;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.api.numa.spi.NumaBackend;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The allocator over the current backend's pool. Swapping the backend (or the mode) starts a new pool and retires the
 * old one, whose chunks go back to the old backend as their buffers come back; no allocation waits for or fails by a
 * swap.
 *
 * <p>Public so that it can be used, and benchmarked, outside an OSGi framework: {@code new PoolingAllocator()}, then
 * {@link #use(NumaBackend)}. Outside a framework nobody calls {@link #maintain()} on a timer; allocating threads then
 * do all of its work but the logging, every {@value #ROUNDS_PER_DEAD_THREAD_CHECK} rounds.
 */
public final class PoolingAllocator implements NumaAllocator, Pool.Housekeeping {

    /** System property that turns quarantine on for allocators made with the no-argument constructor. */
    public static final String QUARANTINE_PROPERTY = "hwplatform.numa.quarantine";
    /** Dead threads' caches are looked for every this many rounds of a thread's allocations. */
    static final int ROUNDS_PER_DEAD_THREAD_CHECK = 64;

    private final Reclamation reclamation = new Reclamation();
    private final List<Pool> retired = new CopyOnWriteArrayList<>();
    /** What pools that are done and forgotten had counted. */
    private final Counters forgotten = new Counters();
    private volatile Pool current;
    private boolean quarantine;
    private long reportedLeaks;

    /** An allocator in the default mode, or in quarantine when the system property {@value #QUARANTINE_PROPERTY} is true. */
    public PoolingAllocator() {
        this(Boolean.getBoolean(QUARANTINE_PROPERTY));
    }

    /**
     * @param quarantine whether a closed buffer's block is kept out of reuse until no view of it is reachable, so that
     *     a view kept past close can never see another buffer's memory (slower: each view is made by the backend)
     */
    public PoolingAllocator(boolean quarantine) {
        this.quarantine = quarantine;
    }

    /** Makes the backend the one new allocations use. */
    public synchronized void use(NumaBackend backend) {
        Pool previous = current;
        if (previous == null || previous.backend != backend) {
            swapTo(new Pool(backend, quarantine, reclamation, this));
        }
    }

    /** Switches quarantine on or off for new allocations; buffers already handed out keep the mode they had. */
    public synchronized void quarantine(boolean on) {
        if (on != quarantine) {
            quarantine = on;
            Pool previous = current;
            if (previous != null) {
                swapTo(new Pool(previous.backend, on, reclamation, this));
            }
        }
    }

    public synchronized boolean quarantine() {
        return quarantine;
    }

    private void swapTo(Pool next) {
        // Retire first, then publish the new pool: a thread that makes its cache in the new pool must find the old
        // pool among the retired ones, to empty its cache there.
        Pool previous = current;
        if (previous != null) {
            previous.retire();
            retired.add(previous);
        }
        current = next;
        forgetDonePools();
    }

    /** Drops retired pools that hold nothing any more, keeping what they counted. */
    private synchronized void forgetDonePools() {
        for (Pool pool : retired) {
            if (pool.isDone() && retired.remove(pool)) {
                forgotten.add(pool.counters, pool.liveCaches());
            }
        }
    }

    /** Retires the current pool: the last backend went away, or the allocator stops. */
    synchronized void stop() {
        Pool previous = current;
        if (previous != null) {
            previous.retire();
            retired.add(previous);
            current = null;
        }
    }

    /**
     * @return whether nothing is left to take back: no backend, no chunk of a retired pool, none waiting for its
     *     views (then maintenance may end)
     */
    synchronized boolean holdsNothing() {
        if (current != null || reclamation.pendingChunks() > 0) {
            return false;
        }
        for (Pool pool : retired) {
            if (pool.counters.chunks.get() > 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the current backend, or null when there is none */
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
        checkSize(size);
        return pool().allocate(size, preferredNode, Objects.requireNonNull(policy, "policy"), AllocationStep.PREFERRED);
    }

    @Override
    public NumaBuffer allocateNear(String device, int size) {
        return allocateNear(device, size, AllocationPolicy.FALLBACK);
    }

    @Override
    public NumaBuffer allocateNear(String device, int size, AllocationPolicy policy) {
        checkSize(size);
        Objects.requireNonNull(policy, "policy");
        Pool pool = pool();
        DeviceNodes.Choice choice = pool.devices.choose(device);
        if (policy == AllocationPolicy.STRICT && choice.step() != AllocationStep.DEVICE) {
            throw new NumaAllocationException("no " + size + "-byte buffer near " + device
                    + " under the strict policy: the platform gives the device no node");
        }
        return pool.allocate(size, choice.node(), policy, choice.step());
    }

    @Override
    public int nodeFor(String device) {
        return pool().devices.choose(device).node();
    }

    private static void checkSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
    }

    @Override
    public SortedSet<Integer> nodesOf(String device) {
        return pool().backend.nodesOf(device);
    }

    @Override
    public boolean isNumaAware() {
        return pool().placement.numaAware();
    }

    @Override
    public NumaTopology topology() {
        return pool().backend.topology();
    }

    /** @return the topology the current pool took from its backend: its nodes, not today's free memory */
    NumaTopology adoptedTopology() {
        return pool().placement.topology;
    }

    @Override
    public Optional<String> bindingUnavailable() {
        return Optional.ofNullable(pool().placement.bindingUnavailable());
    }

    /** Works without a backend too (then of the pools that wait for their buffers): a stale caller may ask. */
    @Override
    public PoolStats stats() {
        Pool pool = current;
        if (pool != null) {
            pool.settleMine(); // the caller's open recent buffers become tracked, its closed elsewhere come home
        }
        reclamation.poll();
        List<Pool> all = pools();
        Map<AllocationStep, Long> steps = new EnumMap<>(AllocationStep.class);
        Map<Integer, Long> nodeChunks = new HashMap<>();
        Map<Integer, Long> nodeChunkBytes = new HashMap<>();
        Map<Integer, Long> nodeInUse = new HashMap<>();
        long chunks = 0;
        long chunkBytes = 0;
        long inUse = 0;
        List<ThreadCache> none = List.of();
        long allocations = forgotten.allocations(none);
        long failures = forgotten.failures(none);
        long leaked = forgotten.leaked.get();
        long trimmed = forgotten.trimmedBytes.get();
        long quarantined = 0;
        for (AllocationStep step : AllocationStep.values()) {
            steps.put(step, forgotten.steps(step, none));
        }
        for (Pool each : all) {
            each.drainDead();
            Iterable<ThreadCache> live = each.liveCaches();
            chunks += each.counters.chunks.get();
            chunkBytes += each.counters.chunkBytes.get();
            Map<Integer, long[]> usage = each.nodeUsage();
            inUse += each.inUseBytes(usage);
            usage.forEach((node, counts) -> {
                nodeChunks.merge(node, counts[0], Long::sum);
                nodeChunkBytes.merge(node, counts[1], Long::sum);
                nodeInUse.merge(node, counts[2], Long::sum);
            });
            allocations += each.counters.allocations(live);
            failures += each.counters.failures(live);
            leaked += each.counters.leaked.get();
            trimmed += each.counters.trimmedBytes.get();
            quarantined += each.counters.quarantinedBytes.get();
            for (AllocationStep step : AllocationStep.values()) {
                steps.merge(step, each.counters.steps(step, live), Long::sum);
            }
        }
        return new PoolStats(pool == null ? "none" : pool.backend.name(), chunks, chunkBytes, inUse, allocations, steps,
                failures, leaked, trimmed, nodeChunks, reclamation.pendingChunks(), reclamation.pendingBytes(),
                quarantined, pool == null ? quarantine() : pool.quarantine, nodeChunkBytes, nodeInUse);
    }

    /** Works without a backend too: then only what retired pools hold is taken back. */
    @Override
    public long trim() {
        Pool pool = current;
        reclamation.poll();
        long bytes = pool == null ? 0 : pool.trim();
        for (Pool old : retired) {
            old.flushMine();
            old.drainDead();
        }
        forgetDonePools();
        reclamation.poll();
        return bytes;
    }

    /**
     * The work no allocation does by itself, for a timer to call: drains dead threads' caches, takes back buffers
     * whose views the garbage collector found unreachable, releases chunks no view of which is left.
     *
     * @return warnings since the last call, for the caller to log (the allocator itself never writes a log: an
     *     allocating thread may be one whose output is redirected, as in a Gogo session)
     */
    public synchronized List<String> maintain() {
        reclamation.poll();
        List<String> warnings = new ArrayList<>();
        for (Pool pool : pools()) {
            pool.drainDead();
            pool.adoptIdleRounds();
            warnings.addAll(pool.takeWarnings());
        }
        forgetDonePools();
        long leaked = leaksFound();
        if (leaked > reportedLeaks) {
            warnings.add((leaked - reportedLeaks) + " NumaBuffer(s) were dropped without close; their memory was "
                    + "recovered (" + leaked + " so far)");
            reportedLeaks = leaked;
        }
        return warnings;
    }

    /** @return the dropped buffers found so far, without looking for more */
    synchronized long leaksFound() {
        long leaked = forgotten.leaked.get();
        for (Pool pool : pools()) {
            leaked += pool.counters.leaked.get();
        }
        return leaked;
    }

    /**
     * A thread's first cache in a pool: its caches in the pools retired before are of no use any more. Not the
     * cache's own pool, which may be retired by now (the thread read it as current just before a swap): that cache
     * is about to be filled, and the thread's first cache in the current pool empties it later.
     */
    @Override
    public void firstCacheOf(ThreadCache cache) {
        for (Pool old : retired) {
            if (old != cache.pool) {
                old.zombifyMine();
            }
        }
        reclamation.poll();
    }

    /** Under the same lock as {@link #forgetDonePools()}, which sees the new cache or has already dropped the pool. */
    @Override
    public synchronized void stillInUse(Pool pool) {
        if (pool != current && !retired.contains(pool)) {
            retired.add(pool);
        }
    }

    @Override
    public void roundDone(ThreadCache cache) {
        reclamation.poll();
        if (cache.rounds % ROUNDS_PER_DEAD_THREAD_CHECK == 0) {
            for (Pool pool : pools()) {
                pool.drainDead();
            }
        }
    }

    private List<Pool> pools() {
        List<Pool> all = new ArrayList<>(retired);
        Pool pool = current;
        if (pool != null) {
            all.add(pool);
        }
        return all;
    }

    private Pool pool() {
        Pool pool = current;
        if (pool == null) {
            throw new IllegalStateException("no NUMA backend is available");
        }
        return pool;
    }
}
