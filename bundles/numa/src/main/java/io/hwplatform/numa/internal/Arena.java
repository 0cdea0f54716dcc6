package io.hwplatform.numa.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The shared free blocks of one node and size class, in whole chunks. Every method holds the arena's lock. */
final class Arena {

    private final ArrayDeque<Chunk> withFreeBlocks = new ArrayDeque<>();
    private final List<Chunk> chunks = new ArrayList<>();

    synchronized void add(Chunk chunk) {
        chunks.add(chunk);
        withFreeBlocks.addFirst(chunk);
    }

    /** Moves up to {@code wanted} free blocks into a thread's stack. @return how many were moved */
    synchronized int take(ThreadCache.Stack into, int wanted) {
        int moved = 0;
        while (moved < wanted && !withFreeBlocks.isEmpty()) {
            Chunk chunk = withFreeBlocks.peekFirst();
            while (moved < wanted && chunk.freeCount > 0) {
                into.push(chunk, chunk.free[--chunk.freeCount]);
                moved++;
            }
            if (chunk.freeCount == 0) {
                withFreeBlocks.pollFirst();
            }
        }
        return moved;
    }

    /** @return a block's chunk when this block made it wholly free, else null */
    synchronized Chunk giveBack(Chunk chunk, int block) {
        if (chunk.freeCount == 0) {
            withFreeBlocks.addLast(chunk);
        }
        chunk.free[chunk.freeCount++] = block;
        return chunk.freeCount == chunk.blocks ? chunk : null;
    }

    /** Removes and returns every wholly free chunk, for release to the operating system. */
    synchronized List<Chunk> removeFreeChunks() {
        List<Chunk> free = new ArrayList<>();
        chunks.removeIf(chunk -> {
            if (chunk.freeCount == chunk.blocks) {
                free.add(chunk);
                withFreeBlocks.remove(chunk);
                return true;
            }
            return false;
        });
        return free;
    }

    /** Removes one chunk if it is wholly free. @return whether it was removed */
    synchronized boolean removeIfFree(Chunk chunk) {
        if (chunk.freeCount != chunk.blocks || !chunks.remove(chunk)) {
            return false;
        }
        withFreeBlocks.remove(chunk);
        return true;
    }

    synchronized int chunkCount() {
        return chunks.size();
    }

    /** @return free blocks held here (not in thread caches) */
    synchronized long freeBlocks() {
        long free = 0;
        for (Chunk chunk : chunks) {
            free += chunk.freeCount;
        }
        return free;
    }

    synchronized long blocks() {
        long blocks = 0;
        for (Chunk chunk : chunks) {
            blocks += chunk.blocks;
        }
        return blocks;
    }
}
