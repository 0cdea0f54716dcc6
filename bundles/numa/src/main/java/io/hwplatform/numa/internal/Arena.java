package io.hwplatform.numa.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared free blocks of one node slot and size class, in whole chunks, and the table that turns a block id into
 * its chunk. Every method but {@link #chunk(int)} holds the arena's lock.
 */
final class Arena {

    /** Chunks by index; grown by copy, so a reader sees an old or a new table, and both hold its chunk. */
    private volatile Chunk[] table = new Chunk[4];
    private final ArrayDeque<Chunk> withFreeBlocks = new ArrayDeque<>();
    private int chunks;

    /** @return the current chunk table (it holds every chunk whose blocks are out) */
    Chunk[] table() {
        return table;
    }

    /** @return the chunk of a block id that came from this arena */
    Chunk chunk(int id) {
        return table[id >>> SizeClasses.BLOCK_BITS];
    }

    synchronized void add(Chunk chunk) {
        Chunk[] current = table;
        int index = 0;
        while (index < current.length && current[index] != null) {
            index++;
        }
        if (index == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        chunk.index = index;
        current[index] = chunk;
        table = current;
        chunks++;
        withFreeBlocks.addFirst(chunk);
    }

    /** Moves up to {@code wanted} free block ids into a thread's stack. @return how many were moved */
    synchronized int take(ThreadCache.Stack into, int wanted) {
        into.chunks = table;
        int moved = 0;
        while (moved < wanted && !withFreeBlocks.isEmpty()) {
            Chunk chunk = withFreeBlocks.peekFirst();
            while (moved < wanted && chunk.freeCount > 0) {
                into.push(chunk.id(chunk.free[--chunk.freeCount]));
                moved++;
            }
            if (chunk.freeCount == 0) {
                withFreeBlocks.pollFirst();
            }
        }
        return moved;
    }

    /** @return the block's chunk when this block made it wholly free, else null */
    synchronized Chunk giveBack(Chunk chunk, int block) {
        return putBack(chunk, block);
    }

    /**
     * Takes back {@code count} block ids from the top of a thread's stack under one lock.
     *
     * @return the chunks this made wholly free, or null when none
     */
    synchronized List<Chunk> giveBack(ThreadCache.Stack from, int count) {
        List<Chunk> whollyFree = null;
        for (int i = 0; i < count; i++) {
            int id = from.pop();
            Chunk wholly = putBack(chunk(id), id & SizeClasses.BLOCK_MASK);
            if (wholly != null) {
                if (whollyFree == null) {
                    whollyFree = new ArrayList<>(2);
                }
                whollyFree.add(wholly);
            }
        }
        return whollyFree;
    }

    private Chunk putBack(Chunk chunk, int block) {
        if (chunk.freeCount == 0) {
            withFreeBlocks.addLast(chunk);
        }
        chunk.free[chunk.freeCount++] = block;
        return chunk.whollyFree() ? chunk : null;
    }

    /**
     * Keeps a block of a buffer that was never closed out of reuse for good (see {@link Chunk#lost}).
     *
     * @return the block's chunk when this made it wholly free, else null
     */
    synchronized Chunk lose(Chunk chunk) {
        chunk.lost++;
        return chunk.whollyFree() ? chunk : null;
    }

    /** Removes and returns every wholly free chunk, for release to the operating system. */
    synchronized List<Chunk> removeFreeChunks() {
        List<Chunk> free = new ArrayList<>();
        for (Chunk chunk : table) {
            if (chunk != null && chunk.whollyFree()) {
                free.add(chunk);
                forget(chunk);
            }
        }
        return free;
    }

    /** Removes one chunk if it is wholly free. @return whether it was removed */
    synchronized boolean removeIfFree(Chunk chunk) {
        if (!chunk.whollyFree() || table[chunk.index] != chunk) {
            return false;
        }
        forget(chunk);
        return true;
    }

    private void forget(Chunk chunk) {
        table[chunk.index] = null; // no id of it is held anywhere: every block is in its free stack, or lost
        withFreeBlocks.remove(chunk);
        chunks--;
    }

    synchronized int chunkCount() {
        return chunks;
    }

    /**
     * @return {blocks, blocks no open buffer holds} of this arena's chunks: free and lost ones (free ones in thread
     *     caches count as used here)
     */
    synchronized long[] blocks() {
        long blocks = 0;
        long free = 0;
        for (Chunk chunk : table) {
            if (chunk != null) {
                blocks += chunk.blocks;
                free += chunk.freeCount + chunk.lost;
            }
        }
        return new long[] {blocks, free};
    }
}
