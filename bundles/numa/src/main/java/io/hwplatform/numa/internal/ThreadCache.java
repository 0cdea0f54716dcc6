package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;

/**
 * One thread's part of a pool: free block ids per node slot and size class, so that most allocations and releases
 * take no lock, and the thread's counters. Only the owner thread touches them, until it died and a drainer takes
 * what is left; a buffer closed by another thread goes onto that thread's own cache.
 */
final class ThreadCache {

    /** Buffers the owner allocated since its last housekeeping; tracked for leaks only if still open by then. */
    static final int RECENT = 64;
    final Pool pool;
    final Thread owner;
    /** A copy of the pool's mode. */
    final boolean quarantine;
    /** Whether a close by the owner needs more than a push onto its stack: in quarantine, or once a zombie. */
    boolean slowCloses;
    /** One stack per node slot and size class. */
    private final Stack[][] stacks;
    /** Allocations per step; their sum is the allocations. */
    final long[] steps = new long[AllocationStep.values().length];
    long failures;
    /** A fresh array each round, so that storing into it is a store into a young object: no costly GC barrier. */
    PooledBuffer[] recent = new PooledBuffer[RECENT];
    int recentCount;
    int rounds;
    /** {@link #rounds} as the maintenance thread saw it last time: unchanged since, and the owner is idle here. */
    int roundsSeen = -1;
    /**
     * The owner's last preferred node, policy and where that node came from (the caller, a device, the thread), and
     * where the chain sent it: the fast path's shortcut.
     */
    int lastNode = Integer.MIN_VALUE;
    AllocationPolicy lastPolicy;
    AllocationStep lastFirst;
    /** The stacks of the slot the chain chose, by size class. */
    Stack[] lastStacks;
    AllocationStep lastStep;
    /** Fast-path allocations at {@link #lastStep} not yet added to {@link #steps}. */
    long lastStepCount;
    /**
     * Set by the owner once its pool was retired: its closes then go straight back to the arena. Volatile, as the
     * allocator's check that a retired pool is done reads it from another thread.
     */
    volatile boolean zombie;

    /** @param arenas the pool's arenas by slot and size class, each stack's source and sink */
    ThreadCache(Pool pool, Thread owner, Arena[][] arenas, boolean quarantine) {
        this.pool = pool;
        this.owner = owner;
        this.quarantine = quarantine;
        this.slowCloses = quarantine;
        this.stacks = new Stack[arenas.length][SizeClasses.COUNT];
        for (int slot = 0; slot < arenas.length; slot++) {
            for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
                stacks[slot][sizeClass] = new Stack(arenas[slot][sizeClass], SizeClasses.threadCacheCapacity(sizeClass));
            }
        }
    }

    Stack stack(int slot, int sizeClass) {
        return stacks[slot][sizeClass];
    }

    Stack[][] stacks() {
        return stacks;
    }

    /** Owner only: from now on its closes go straight back to the arenas. */
    void becomeZombie() {
        zombie = true;
        slowCloses = true;
    }

    /** Owner only: the chain for this node and policy served from its first choice, at this slot. */
    void remember(int node, AllocationPolicy policy, AllocationStep first, int slot, AllocationStep step) {
        settleSteps();
        lastNode = node;
        lastPolicy = policy;
        lastFirst = first;
        lastStacks = stacks[slot];
        lastStep = step;
    }

    /** Owner only: remembers a fresh buffer. @return whether the round is full and housekeeping is due */
    boolean remember(PooledBuffer buffer) {
        recent[recentCount++] = buffer;
        return recentCount == RECENT;
    }

    /** Owner only: the buffers of this round; starts the next one. */
    PooledBuffer[] takeRecent() {
        PooledBuffer[] round = recent;
        recent = new PooledBuffer[RECENT];
        recentCount = 0;
        rounds++;
        return round;
    }

    void count(AllocationStep step) {
        steps[step.ordinal()]++;
    }

    /** Adds the fast path's count to its step. Owner only, or a drainer once the owner died. */
    void settleSteps() {
        if (lastStep != null) {
            steps[lastStep.ordinal()] += lastStepCount;
        }
        lastStepCount = 0;
    }

    /** @return allocations at a step so far (a racy read from other threads: approximate) */
    long steps(AllocationStep step) {
        return steps[step.ordinal()] + (step == lastStep ? lastStepCount : 0);
    }

    /** @return allocations so far (a racy read from other threads: approximate) */
    long allocations() {
        long sum = lastStepCount;
        for (long count : steps) {
            sum += count;
        }
        return sum;
    }

    /** @return free blocks this cache holds of one slot and class (a racy read from other threads: approximate) */
    long cachedBlocks(int slot, int sizeClass) {
        return stack(slot, sizeClass).count;
    }

    /** A bounded stack of block ids of one arena. */
    static final class Stack {
        final Arena arena;
        final int[] ids;
        int count;
        /**
         * The arena's chunk table as of the last {@link Arena#take} or foreign push: it holds the chunk of every id
         * on this stack, one load closer than the arena's.
         */
        Chunk[] chunks;

        Stack(Arena arena, int capacity) {
            this.arena = arena;
            this.ids = new int[capacity];
        }

        boolean isFull() {
            return count == ids.length;
        }

        void push(int id) {
            ids[count++] = id;
        }

        int pop() {
            return ids[--count];
        }

        /** Pushes the block of a buffer that came off another stack: this stack's table may not know its chunk. */
        void pushFrom(Chunk chunk, int id) {
            Chunk[] table = chunks;
            int index = id >>> SizeClasses.BLOCK_BITS;
            if (table == null || index >= table.length || table[index] != chunk) {
                chunks = arena.table();
            }
            push(id);
        }

        Chunk chunk(int id) {
            return chunks[id >>> SizeClasses.BLOCK_BITS];
        }
    }
}
