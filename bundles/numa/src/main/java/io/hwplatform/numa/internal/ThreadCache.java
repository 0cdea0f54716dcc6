package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationStep;

/**
 * One thread's free blocks, per node slot and size class, so that most allocations and releases take no lock. Only
 * the owner thread touches it while it lives; after it died, anyone may drain it.
 */
final class ThreadCache {

    final Thread owner;
    final Stack[][] stacks;
    /** Counters, written by the owner only; summed without locking for statistics. */
    long allocations;
    final long[] steps = new long[AllocationStep.values().length];
    long failures;
    /** Set when the cache was drained: blocks must not be pushed into it any more. */
    boolean drained;

    ThreadCache(Thread owner, int slots) {
        this.owner = owner;
        this.stacks = new Stack[slots][SizeClasses.COUNT];
        for (int slot = 0; slot < slots; slot++) {
            for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
                stacks[slot][sizeClass] = new Stack(SizeClasses.threadCacheCapacity(sizeClass));
            }
        }
    }

    /** @return free blocks held by this cache */
    long cachedBlocks(int slot, int sizeClass) {
        return stacks[slot][sizeClass].count;
    }

    /** A bounded stack of (chunk, block) pairs. */
    static final class Stack {
        final Chunk[] chunks;
        final int[] blocks;
        int count;

        Stack(int capacity) {
            this.chunks = new Chunk[capacity];
            this.blocks = new int[capacity];
        }

        boolean isFull() {
            return count == chunks.length;
        }

        void push(Chunk chunk, int block) {
            chunks[count] = chunk;
            blocks[count++] = block;
        }

        /** @return the chunk on top; read {@link #topBlock()} before popping */
        Chunk topChunk() {
            return chunks[count - 1];
        }

        int topBlock() {
            return blocks[count - 1];
        }

        void pop() {
            chunks[--count] = null;
        }
    }
}
