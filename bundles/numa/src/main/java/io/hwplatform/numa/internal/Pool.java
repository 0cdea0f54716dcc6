package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NativeChunk;
import io.hwplatform.api.numa.NumaAllocationException;
import io.hwplatform.api.numa.NumaBackend;
import io.hwplatform.api.numa.NumaBindException;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import java.lang.ref.ReferenceQueue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chunks of one backend: arenas per node slot and size class, one cache per thread, the fallback chains. When a
 * better backend arrives the pool is retired: it serves no new chunks from then on and returns each chunk to its
 * backend as soon as the chunk's last buffer comes back.
 */
final class Pool {

    private static final System.Logger LOG = System.getLogger(Pool.class.getName());
    /** A node that was full is tried again after this long. */
    private static final long FULL_NODE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NEVER = Long.MAX_VALUE;

    final NumaBackend backend;
    final NumaTopology topology;
    final SortedSet<Integer> bindable;
    private final ReferenceQueue<PooledBuffer> leaks;
    private final Runnable onNewThread;
    /** Node id to arena slot; slot 0 is unbound memory. */
    private final int[] slotOfNode;
    private final int[] nodeOfSlot;
    private final Arena[][] arenas;
    private final Chain[][] chains = new Chain[AllocationPolicy.values().length][];
    private final ThreadLocal<ThreadCache> caches = new ThreadLocal<>();
    private final Set<ThreadCache> threads = ConcurrentHashMap.newKeySet();
    private final Set<Chunk> dedicated = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> unavailableUntil = new ConcurrentHashMap<>();
    /** Whether {@link #unavailableUntil} has entries: a volatile read instead of a map lookup per allocation. */
    private volatile boolean someNodeUnavailable;
    private final AtomicLong chunkCount = new AtomicLong();
    private final AtomicLong chunkBytes = new AtomicLong();
    /** Counters of caches whose threads died, and of the pool itself. */
    private final AtomicLong drainedAllocations = new AtomicLong();
    private final AtomicLong[] drainedSteps = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicLong drainedFailures = new AtomicLong();
    final AtomicLong leaked = new AtomicLong();
    final AtomicLong trimmedBytes = new AtomicLong();
    private volatile boolean retired;
    private volatile String bindingUnavailable;

    Pool(NumaBackend backend, ReferenceQueue<PooledBuffer> leaks, Runnable onNewThread) {
        this.backend = backend;
        this.topology = backend.topology();
        this.bindable = backend.bindableNodes();
        linkReleasePath(backend);
        this.leaks = leaks;
        this.onNewThread = onNewThread;
        SortedSet<Integer> nodes = new TreeSet<>(bindable);
        nodes.addAll(topology.online());
        this.slotOfNode = new int[nodes.isEmpty() ? 1 : nodes.last() + 1];
        this.nodeOfSlot = new int[nodes.size() + 1];
        Arrays.fill(slotOfNode, -1);
        nodeOfSlot[0] = -1;
        int slot = 1;
        for (int node : nodes) {
            slotOfNode[node] = slot;
            nodeOfSlot[slot++] = node;
        }
        this.arenas = new Arena[nodeOfSlot.length][SizeClasses.COUNT];
        for (Arena[] classes : arenas) {
            Arrays.setAll(classes, sizeClass -> new Arena());
        }
        for (AllocationPolicy policy : AllocationPolicy.values()) {
            chains[policy.ordinal()] = new Chain[slotOfNode.length];
        }
    }

    PooledBuffer allocate(int size, int preferredNode, AllocationPolicy policy) {
        int sizeClass = SizeClasses.of(size);
        Chain chain = chain(preferredNode, policy);
        // A retired pool still serves a thread that picked it just before the swap, but without a thread cache:
        // a cache of a retired pool would keep its blocks from ever going home.
        ThreadCache cache = retired ? null : cache();
        for (int i = 0; i < chain.nodes().length; i++) {
            int node = chain.nodes()[i];
            if (node >= 0 && (bindingUnavailable != null || unavailable(node))) {
                continue;
            }
            AllocationStep step = chain.steps()[i];
            PooledBuffer buffer = sizeClass < 0 ? dedicated(cache, size, node, preferredNode, step)
                    : cache != null ? fromCache(cache, slot(node), node, sizeClass, size, preferredNode, step)
                    : fromArena(slot(node), node, sizeClass, size, preferredNode, step);
            if (buffer != null) {
                count(cache, step);
                if (cache != null && (retired || cache.drained)) { // retired meanwhile: nobody else will drain it
                    drainOwn(cache);
                }
                return buffer;
            }
        }
        if (cache != null) {
            cache.failures++;
        } else {
            drainedFailures.incrementAndGet();
        }
        throw new NumaAllocationException(failure(size, preferredNode, policy));
    }

    private void count(ThreadCache cache, AllocationStep step) {
        if (cache != null) {
            cache.allocations++;
            cache.steps[step.ordinal()]++;
        } else {
            drainedAllocations.incrementAndGet();
            drainedSteps[step.ordinal()].incrementAndGet();
        }
    }

    private PooledBuffer fromCache(ThreadCache cache, int slot, int node, int sizeClass, int size, int requested,
            AllocationStep step) {
        ThreadCache.Stack stack = cache.stacks[slot][sizeClass];
        if (stack.count == 0 && !refill(stack, slot, node, sizeClass)) {
            return null;
        }
        Chunk chunk = stack.topChunk();
        int block = stack.topBlock();
        stack.pop();
        return track(new PooledBuffer(chunk, block, size, requested, step, cache), chunk, block);
    }

    /** One block straight from the arena, for a retired pool. */
    private PooledBuffer fromArena(int slot, int node, int sizeClass, int size, int requested, AllocationStep step) {
        ThreadCache.Stack one = new ThreadCache.Stack(1);
        if (!refill(one, slot, node, sizeClass)) {
            return null;
        }
        return track(new PooledBuffer(one.topChunk(), one.topBlock(), size, requested, step, null), one.topChunk(),
                one.topBlock());
    }

    private PooledBuffer dedicated(ThreadCache cache, int size, int node, int requested, AllocationStep step) {
        Chunk chunk = newChunk(node, slot(node), -1, SizeClasses.pageAligned(size));
        if (chunk == null) {
            return null;
        }
        dedicated.add(chunk);
        return track(new PooledBuffer(chunk, 0, size, requested, step, cache), chunk, 0);
    }

    private PooledBuffer track(PooledBuffer buffer, Chunk chunk, int block) {
        chunk.leakRefs[block] = new LeakRef(buffer, leaks, chunk, block);
        return buffer;
    }

    /** Takes half a cache's worth of blocks from the arena, making a new chunk when the arena has none. */
    private boolean refill(ThreadCache.Stack stack, int slot, int node, int sizeClass) {
        Arena arena = arenas[slot][sizeClass];
        int wanted = Math.max(1, stack.chunks.length / 2);
        if (arena.take(stack, wanted) > 0) {
            return true;
        }
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
        try {
            NativeChunk memory = backend.allocate(bytes, node);
            chunkCount.incrementAndGet();
            chunkBytes.addAndGet(memory.memory().capacity());
            return new Chunk(this, memory, slot, sizeClass, sizeClass >= 0 ? SizeClasses.bytes(sizeClass) : bytes);
        } catch (NumaBindException e) {
            if (e.bindingUnavailable()) {
                if (bindingUnavailable == null) {
                    bindingUnavailable = e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, "NUMA binding is unavailable with the " + backend.name()
                            + " backend, buffers will not be node-bound: " + e.getMessage());
                }
            } else {
                long retry = e.reason() == NumaBindException.Reason.NODE_FULL
                        ? System.nanoTime() + FULL_NODE_RETRY_NANOS : NEVER;
                unavailableUntil.put(node, retry);
                someNodeUnavailable = true;
            }
            return null;
        } catch (OutOfMemoryError e) {
            throw new NumaAllocationException("no memory for a " + bytes + "-byte chunk: " + e.getMessage(), e);
        }
    }

    /**
     * Takes back a block: into this thread's cache, or, for a retired pool, straight to the arena. The cache the block
     * came from is passed along: when the same thread closes the buffer (the usual case) no thread-local lookup is
     * needed.
     */
    void release(Chunk chunk, int block, ThreadCache origin) {
        if (chunk.dedicated()) {
            dedicated.remove(chunk);
            releaseChunk(chunk);
            return;
        }
        if (!retired) {
            ThreadCache cache = origin != null && origin.owner == Thread.currentThread() && !origin.drained
                    ? origin : cache();
            ThreadCache.Stack stack = cache.stacks[chunk.slot][chunk.sizeClass];
            if (stack.isFull()) {
                spill(stack, stack.count / 2);
            }
            stack.push(chunk, block);
            if (retired || cache.drained) { // retired meanwhile: nobody else will drain this cache now
                drainOwn(cache);
            }
            return;
        }
        giveBack(chunk, block);
    }

    /** A buffer was dropped without close and collected: its block comes back through the arena. */
    void reclaimLeaked(Chunk chunk, int block) {
        long count = leaked.incrementAndGet();
        if (count <= 10 || count % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, "a NumaBuffer of " + chunk.blockSize
                    + " bytes was dropped without close; its memory was recovered (" + count + " so far)");
        }
        if (chunk.dedicated()) {
            dedicated.remove(chunk);
            releaseChunk(chunk);
        } else {
            giveBack(chunk, block);
        }
    }

    private void spill(ThreadCache.Stack stack, int count) {
        for (int i = 0; i < count; i++) {
            Chunk chunk = stack.topChunk();
            int block = stack.topBlock();
            stack.pop();
            giveBack(chunk, block);
        }
    }

    private void giveBack(Chunk chunk, int block) {
        Arena arena = arenas[chunk.slot][chunk.sizeClass];
        Chunk wholly = arena.giveBack(chunk, block);
        if (wholly != null && retired && arena.removeIfFree(wholly)) {
            releaseChunk(wholly);
        }
    }

    /**
     * Chunks outlive their backend: the last ones are released as their buffers come back, perhaps after the
     * backend's bundle was uninstalled, and Equinox closes an uninstalled bundle's class loader at once. One page
     * allocated and released here, while the backend is bound, loads and links all its release path needs.
     */
    private static void linkReleasePath(NumaBackend backend) {
        try {
            backend.release(backend.allocate(SizeClasses.PAGE, -1));
        } catch (NumaBindException cannotHappenUnbound) {
            throw new IllegalStateException(cannotHappenUnbound);
        }
    }

    private void releaseChunk(Chunk chunk) {
        backend.release(chunk.memory);
        chunkCount.decrementAndGet();
        chunkBytes.addAndGet(-chunk.memory.memory().capacity());
    }

    private ThreadCache cache() {
        ThreadCache cache = caches.get();
        if (cache == null) {
            cache = new ThreadCache(Thread.currentThread(), nodeOfSlot.length);
            caches.set(cache);
            threads.add(cache);
            onNewThread.run();
        }
        return cache;
    }

    /** Called by a thread on its own cache: gives every cached block back. */
    void drainOwnCache() {
        ThreadCache cache = caches.get();
        if (cache != null) {
            drainOwn(cache);
        }
    }

    /**
     * Drains one of the calling thread's caches, registered or not: a cache can be drained (and unregistered) while
     * its thread is still using it, when making it led the thread to drain its caches in retired pools.
     */
    private void drainOwn(ThreadCache cache) {
        if (caches.get() == cache) {
            caches.remove();
        }
        threads.remove(cache);
        drain(cache);
    }

    /** Drains the caches of threads that have died (their death makes their writes visible to us). */
    void drainDeadThreads() {
        for (ThreadCache cache : threads) {
            if (!cache.owner.isAlive() && threads.remove(cache)) {
                drain(cache);
            }
        }
    }

    private void drain(ThreadCache cache) {
        cache.drained = true;
        for (ThreadCache.Stack[] classes : cache.stacks) {
            for (ThreadCache.Stack stack : classes) {
                spill(stack, stack.count);
            }
        }
        drainedAllocations.addAndGet(cache.allocations);
        for (int step = 0; step < drainedSteps.length; step++) {
            drainedSteps[step].addAndGet(cache.steps[step]);
        }
        drainedFailures.addAndGet(cache.failures);
    }

    /** Stops serving new chunks; releases those already wholly free. */
    void retire() {
        retired = true;
        drainDeadThreads();
        trimArenas();
    }

    /** @return bytes of wholly free chunks returned to the operating system */
    long trim() {
        drainDeadThreads();
        drainOwnCache();
        long bytes = trimArenas();
        trimmedBytes.addAndGet(bytes);
        return bytes;
    }

    private long trimArenas() {
        long bytes = 0;
        for (Arena[] classes : arenas) {
            for (Arena arena : classes) {
                for (Chunk chunk : arena.removeFreeChunks()) {
                    bytes += chunk.memory.memory().capacity();
                    releaseChunk(chunk);
                }
            }
        }
        return bytes;
    }

    boolean isEmpty() {
        return chunkCount.get() == 0;
    }

    boolean numaAware() {
        return topology.isNuma() && bindable.size() > 1 && bindingUnavailable == null;
    }

    /** @return why binding is unavailable, or null when it works */
    String bindingUnavailable() {
        return bindingUnavailable;
    }

    long chunks() {
        return chunkCount.get();
    }

    long chunkBytes() {
        return chunkBytes.get();
    }

    /** @return bytes in blocks neither in an arena nor in a thread cache: open buffers (approximate under load) */
    long inUseBytes() {
        long bytes = 0;
        for (int slot = 0; slot < arenas.length; slot++) {
            for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
                long cached = 0;
                for (ThreadCache cache : threads) {
                    cached += cache.cachedBlocks(slot, sizeClass);
                }
                Arena arena = arenas[slot][sizeClass];
                bytes += (arena.blocks() - arena.freeBlocks() - cached) * SizeClasses.bytes(sizeClass);
            }
        }
        for (Chunk chunk : dedicated) {
            bytes += chunk.bytes();
        }
        return Math.max(0, bytes);
    }

    long allocations() {
        return drainedAllocations.get() + threads.stream().mapToLong(cache -> cache.allocations).sum();
    }

    long steps(AllocationStep step) {
        return drainedSteps[step.ordinal()].get() + threads.stream().mapToLong(cache -> cache.steps[step.ordinal()]).sum();
    }

    long failures() {
        return drainedFailures.get() + threads.stream().mapToLong(cache -> cache.failures).sum();
    }

    /** @return chunks per node (-1 for unbound) */
    Map<Integer, Long> nodeChunks() {
        Map<Integer, Long> perNode = new HashMap<>();
        for (int slot = 0; slot < arenas.length; slot++) {
            long count = 0;
            for (Arena arena : arenas[slot]) {
                count += arena.chunkCount();
            }
            int node = nodeOfSlot[slot];
            for (Chunk chunk : dedicated) {
                count += chunk.slot == slot ? 1 : 0;
            }
            if (count > 0) {
                perNode.merge(node, count, Long::sum);
            }
        }
        return perNode;
    }

    private Chain chain(int preferred, AllocationPolicy policy) {
        if (bindingUnavailable != null) {
            return Chain.unbound(policy);
        }
        Chain[] cached = chains[policy.ordinal()];
        if (preferred < 0 || preferred >= cached.length) {
            return Chain.of(preferred, policy, topology, bindable);
        }
        Chain chain = cached[preferred];
        if (chain == null) { // benign race: two threads may compute the same chain
            chain = Chain.of(preferred, policy, topology, bindable);
            cached[preferred] = chain;
        }
        return chain;
    }

    private boolean unavailable(int node) {
        if (!someNodeUnavailable) {
            return false;
        }
        Long until = unavailableUntil.get(node);
        if (until == null) {
            return false;
        }
        if (until != NEVER && System.nanoTime() > until) {
            unavailableUntil.remove(node);
            return false;
        }
        return true;
    }

    private int slot(int node) {
        return node < 0 ? 0 : slotOfNode[node];
    }

    private String failure(int size, int preferred, AllocationPolicy policy) {
        if (policy == AllocationPolicy.STRICT) {
            String why = bindingUnavailable != null ? bindingUnavailable
                    : !bindable.contains(preferred) ? "it is not a memory node this kernel can bind " + bindable
                    : "it cannot supply the memory now";
            return "no " + size + "-byte buffer on node " + preferred + " under the strict policy: " + why;
        }
        return "no memory for a " + size + "-byte buffer on any node " + nodes(topology.nodes());
    }

    private static List<Integer> nodes(List<NumaNode> nodes) {
        return nodes.stream().map(NumaNode::id).toList();
    }
}
