package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocationException;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The chunks of one backend in one mode: arenas per node slot and size class, a cache per thread, and the ways a
 * block comes back. When a better backend arrives (or the mode changes) the pool is retired: it makes no chunk from
 * then on and gives each chunk up as soon as its last block comes back.
 */
final class Pool {

    /** The allocator's side of a pool's life: a thread's first cache, and a thread's round of allocations done. */
    interface Housekeeping {
        void firstCacheOf(ThreadCache cache);

        /** A retired pool got a new cache: it must stay (or be again) among the pools the allocator looks after. */
        void stillInUse(Pool pool);

        void roundDone(ThreadCache cache);
    }

    final NumaBackend backend;
    final Placement placement;
    final DeviceNodes devices;
    /** Quarantine: a closed block is reused only once its view is unreachable; each view is its own root. */
    final boolean quarantine;
    final Counters counters = new Counters();
    private final Arena[][] arenas;
    private final Caches caches = new Caches();
    private final ThreadLocal<ThreadCache> myCache = caches.local;
    /** How blocks come home; package-private for the handles and the reclamation that call it. */
    final Returns returns;
    private final Reclamation reclamation;
    private final Housekeeping housekeeping;
    private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
    private volatile boolean retired;
    /** Whether a node refused a chunk: then the fast path steps aside and the chain is walked every time. */
    private volatile boolean refusals;

    Pool(NumaBackend backend, boolean quarantine, Reclamation reclamation, Housekeeping housekeeping) {
        this.backend = backend;
        this.placement = new Placement(backend.topology(), backend.bindableNodes());
        this.devices = new DeviceNodes(backend, placement, System::nanoTime);
        this.quarantine = quarantine;
        this.reclamation = reclamation;
        this.returns = new Returns(counters, caches, reclamation);
        this.housekeeping = housekeeping;
        linkReleasePath(backend);
        this.arenas = new Arena[placement.slots()][SizeClasses.COUNT];
        for (Arena[] classes : arenas) {
            for (int sizeClass = 0; sizeClass < classes.length; sizeClass++) {
                classes[sizeClass] = new Arena();
            }
        }
    }

    /**
     * The fast path: the thread's cache has a block for the node it asked for last time, and no node refused lately.
     * Everything else takes {@link #allocateSlow}.
     *
     * @param first what the preferred node stands for: {@link AllocationStep#PREFERRED} (the caller's choice),
     *     {@link AllocationStep#DEVICE} or {@link AllocationStep#LOCAL}; the step a buffer served there reports
     */
    PooledBuffer allocate(int size, int preferredNode, AllocationPolicy policy, AllocationStep first) {
        ThreadCache cache = myCache.get();
        int sizeClass = SizeClasses.of(size);
        if (cache != null && sizeClass >= 0 && cache.lastNode == preferredNode && cache.lastPolicy == policy
                && cache.lastFirst == first && !refusals) {
            ThreadCache.Stack stack = cache.lastStacks[sizeClass];
            if (stack.count > 0) {
                int id = stack.pop();
                Chunk chunk = stack.chunk(id);
                PooledBuffer buffer = new PooledBuffer(chunk, id, size, preferredNode, cache.lastStep, cache, stack,
                        chunk.slice(id & SizeClasses.BLOCK_MASK, size));
                cache.lastStepCount++;
                if (cache.remember(buffer)) {
                    housekeep(cache);
                }
                return buffer;
            }
        }
        return allocateSlow(cache, size, sizeClass, preferredNode, policy, first);
    }

    private PooledBuffer allocateSlow(ThreadCache cache, int size, int sizeClass, int preferredNode,
            AllocationPolicy policy, AllocationStep first) {
        if (cache == null) {
            cache = newCache();
        }
        Chain chain = placement.chain(preferredNode, policy, first);
        boolean refusals = placement.anyRefusal();
        int[] nodes = chain.nodes();
        for (int i = 0; i < nodes.length; i++) {
            int node = nodes[i];
            if (refusals && placement.skip(node)) {
                continue;
            }
            AllocationStep step = chain.steps()[i];
            PooledBuffer buffer = sizeClass < 0 ? dedicated(cache, size, node, preferredNode, step)
                    : pooled(cache, node, sizeClass, size, preferredNode, step);
            if (buffer != null) {
                if (i == 0 && !quarantine) { // the chain's first choice served: next time, go straight there
                    cache.remember(preferredNode, policy, first, placement.slot(node), step);
                }
                cache.count(step);
                if (cache.remember(buffer)) {
                    housekeep(cache);
                }
                return buffer;
            }
        }
        cache.failures++;
        throw new NumaAllocationException(placement.failure(size, preferredNode, policy));
    }

    private PooledBuffer pooled(ThreadCache cache, int node, int sizeClass, int size, int requested,
            AllocationStep step) {
        int slot = placement.slot(node);
        ThreadCache.Stack stack = cache.stack(slot, sizeClass);
        if (stack.count == 0 && !refill(cache, stack, slot, node, sizeClass)) {
            return null;
        }
        int id = stack.pop();
        Chunk chunk = stack.chunk(id);
        int block = id & SizeClasses.BLOCK_MASK;
        if (!quarantine) {
            return new PooledBuffer(chunk, id, size, requested, step, cache, stack, chunk.slice(block, size));
        }
        PooledBuffer buffer = new PooledBuffer(chunk, id, size, requested, step, cache, stack,
                chunk.ownRoot(block, size));
        returns.track(buffer);
        return buffer;
    }

    private PooledBuffer dedicated(ThreadCache cache, int size, int node, int requested, AllocationStep step) {
        Chunk chunk = newChunk(node, placement.slot(node), -1, SizeClasses.pageAligned(size));
        if (chunk == null) {
            return null;
        }
        returns.dedicated.add(chunk);
        PooledBuffer buffer = new PooledBuffer(chunk, 0, size, requested, step, cache, null,
                quarantine ? chunk.ownRoot(0, size) : chunk.slice(0, size));
        returns.track(buffer); // a large buffer is worth tracking at once
        return buffer;
    }

    /** The calling thread's first use of this pool: its cache. */
    private ThreadCache newCache() {
        ThreadCache cache = caches.add(new ThreadCache(this, Thread.currentThread(), arenas, quarantine));
        if (retired) { // a thread that read the current pool just before a swap: keep this pool listed
            housekeeping.stillInUse(this);
        }
        housekeeping.firstCacheOf(cache);
        return cache;
    }

    /**
     * @return the calling thread's cache here, for a block it closes; made if it has none (a thread that only
     *     closes, as a consumer does, then returns its blocks in batches); null for a retired pool, whose blocks
     *     go straight back to the arenas
     */
    ThreadCache cacheOfThisThread() {
        ThreadCache cache = myCache.get();
        return cache != null || retired ? cache : newCache();
    }

    /** Fills an empty stack: the arena's free blocks, else a new chunk. */
    private boolean refill(ThreadCache cache, ThreadCache.Stack stack, int slot, int node, int sizeClass) {
        Arena arena = stack.arena;
        int wanted = Math.max(1, stack.ids.length / 2);
        if (arena.take(stack, wanted) > 0) {
            return true;
        }
        reclamation.poll(); // dropped buffers may be waiting to come back
        synchronized (arena) { // one new chunk at a time per arena
            if (arena.take(stack, wanted) > 0) {
                return true;
            }
            Chunk chunk = newChunk(node, slot, sizeClass, SizeClasses.CHUNK_BYTES);
            if (chunk == null) {
                return false;
            }
            arena.add(chunk);
            return arena.take(stack, wanted) > 0;
        }
    }

    /** @return a new chunk from the backend, or null when the node cannot be bound (the chain goes on) */
    private Chunk newChunk(int node, int slot, int sizeClass, int bytes) {
        NativeChunk memory;
        try {
            memory = backend.allocate(bytes, node);
        } catch (NumaBindException e) {
            refusals = true;
            String warning = placement.refused(node, e);
            if (warning != null) {
                warnings.add(warning);
            }
            return null;
        } catch (OutOfMemoryError e) {
            throw new NumaAllocationException("no memory for a " + bytes + "-byte chunk: " + e.getMessage(), e);
        }
        counters.chunkAdded(memory.size());
        return sizeClass >= 0 ? new Chunk(this, arenas[slot][sizeClass], memory, slot, sizeClass, SizeClasses.bytes(sizeClass))
                : new Chunk(this, null, memory, slot, -1, bytes);
    }

    /**
     * Owner, after a round of {@link ThreadCache#RECENT} allocations: tracks the buffers of the round still open
     * (most are closed by now and never cost a tracker) and lets the allocator do its share.
     */
    private void housekeep(ThreadCache cache) {
        returns.trackOpen(cache.takeRecent());
        housekeeping.roundDone(cache);
    }

    /** Owner: everything the calling thread's cache holds goes back to the arenas. */
    void flushMine() {
        ThreadCache cache = caches.mine();
        if (cache != null) {
            returns.flush(cache);
        }
    }

    /** Owner: tracks the calling thread's open recent buffers. */
    void settleMine() {
        ThreadCache cache = caches.mine();
        if (cache != null) {
            returns.trackOpen(cache.takeRecent());
        }
    }

    /**
     * Owner, once this pool is retired and the thread moved on: empties the calling thread's cache here; from now on
     * its closes go straight to the arenas.
     */
    void zombifyMine() {
        ThreadCache cache = caches.mine();
        if (cache != null && !cache.zombie) {
            returns.flush(cache);
            cache.becomeZombie();
            caches.detachMine();
        }
    }

    /** Drains the caches of threads that have died. */
    void drainDead() {
        returns.drainDead();
    }

    /** The maintenance thread: what threads that stopped allocating here dropped can be found from now on. */
    void adoptIdleRounds() {
        for (ThreadCache cache : caches.all()) {
            if (!cache.zombie) {
                returns.adoptIdleRound(cache);
            }
        }
    }

    /** Makes no chunk from now on; gives up those already wholly free. */
    void retire() {
        retired = true;
        returns.retire();
        drainDead();
        trimArenas();
    }

    /** @return bytes of wholly free chunks given back to the operating system */
    long trim() {
        flushMine();
        drainDead();
        long bytes = trimArenas();
        counters.trimmedBytes.addAndGet(bytes);
        return bytes;
    }

    private long trimArenas() {
        long bytes = 0;
        for (Arena[] classes : arenas) {
            for (Arena arena : classes) {
                for (Chunk chunk : arena.removeFreeChunks()) {
                    bytes += chunk.lost == 0 ? chunk.memory.size() : 0; // a lost block's pages stay until unmapped
                    returns.bury(chunk);
                }
            }
        }
        return bytes;
    }

    /**
     * @return whether a retired pool is done: no chunk left, and no cache that could still get one (caches emptied
     *     when their threads moved on hold nothing, and their closes go straight to the arenas)
     */
    boolean isDone() {
        // Caches first: a thread makes its cache a zombie after its last allocation here, so once every cache is
        // one, the chunk count read next includes every chunk those allocations made.
        for (ThreadCache cache : caches.all()) {
            if (!cache.zombie) {
                return false;
            }
        }
        return counters.chunks.get() == 0;
    }

    /** @return warnings since the last call (kept here so that no allocating thread ever writes a log) */
    List<String> takeWarnings() {
        List<String> taken = new ArrayList<>();
        for (String warning = warnings.poll(); warning != null; warning = warnings.poll()) {
            taken.add(warning);
        }
        return taken;
    }

    Iterable<ThreadCache> liveCaches() {
        return caches.all();
    }

    /**
     * @return per node (-1 for unbound memory): {chunks, bytes in chunks, bytes in blocks neither in an arena nor in
     *     a thread cache (open buffers, and quarantined ones)}; approximate under load
     */
    Map<Integer, long[]> nodeUsage() {
        Map<Integer, long[]> perNode = new HashMap<>();
        for (int slot = 0; slot < arenas.length; slot++) {
            long[] usage = new long[3];
            for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
                long cached = 0;
                for (ThreadCache cache : caches.all()) {
                    cached += cache.cachedBlocks(slot, sizeClass);
                }
                Arena arena = arenas[slot][sizeClass];
                long[] blocks = arena.blocks();
                usage[0] += arena.chunkCount();
                usage[1] += blocks[0] * SizeClasses.bytes(sizeClass);
                usage[2] += (blocks[0] - blocks[1] - cached) * SizeClasses.bytes(sizeClass);
            }
            for (Chunk chunk : returns.dedicated) {
                if (chunk.slot == slot) {
                    usage[0]++;
                    usage[1] += chunk.bytes();
                    usage[2] += chunk.bytes();
                }
            }
            if (usage[0] > 0) {
                usage[2] = Math.max(0, usage[2]);
                perNode.merge(placement.nodeOfSlot(slot), usage, Pool::sum);
            }
        }
        return perNode;
    }

    /** @return bytes of open buffers, quarantined ones not counted (approximate under load) */
    long inUseBytes(Map<Integer, long[]> usage) {
        long bytes = 0;
        for (long[] node : usage.values()) {
            bytes += node[2];
        }
        return Math.max(0, bytes - counters.quarantinedBytes.get());
    }

    private static long[] sum(long[] a, long[] b) {
        long[] sum = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    /**
     * Chunks outlive their backend: the last ones are discarded and released as their views become unreachable,
     * perhaps after the backend's bundle was uninstalled, and Equinox closes an uninstalled bundle's class loader at
     * once. One page taken through that whole path here, while the backend is bound, loads and links what it needs.
     */
    private static void linkReleasePath(NumaBackend backend) {
        try {
            NativeChunk page = backend.allocate(SizeClasses.PAGE, -1);
            page.memory(0, SizeClasses.PAGE);
            backend.discard(page);
            backend.release(page);
        } catch (NumaBindException cannotHappenUnbound) {
            throw new IllegalStateException(cannotHappenUnbound);
        }
    }
}
