package io.hwplatform.numa.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every way a pool's block comes home: closed by the thread that allocated it or by any other (onto the closing
 * thread's stack), closed in quarantine, found unreachable by the garbage collector, or left in the cache of a thread
 * that died or moved to a newer pool; and how a chunk is given up once a retired pool's last block of it is back.
 */
final class Returns {

    final Counters counters;
    final Caches caches;
    private final Reclamation reclamation;
    /** Chunks of one buffer each, until that buffer comes back. */
    final Set<Chunk> dedicated = ConcurrentHashMap.newKeySet();
    private volatile boolean retired;

    Returns(Counters counters, Caches caches, Reclamation reclamation) {
        this.counters = counters;
        this.caches = caches;
        this.reclamation = reclamation;
    }

    /** From now on a chunk is given up as soon as it is wholly free. */
    void retire() {
        retired = true;
    }

    /** Starts following a buffer's view: it comes back through the garbage collector if it is never closed. */
    void track(PooledBuffer buffer) {
        int block = buffer.block();
        ViewTracker tracker = new ViewTracker(buffer.view(), reclamation.views, buffer.chunk, block);
        if (buffer.track(tracker)) {
            buffer.chunk.install(block, tracker, buffer);
        }
    }

    /** Tracks the buffers of a round that are still open: most are closed by now and never cost a tracker. */
    void trackOpen(PooledBuffer[] round) {
        for (PooledBuffer buffer : round) {
            if (buffer != null) {
                trackIfOpen(buffer);
            }
        }
    }

    private void trackIfOpen(PooledBuffer buffer) {
        if (buffer.isOpen() && !buffer.tracked()) {
            track(buffer);
        }
    }

    /**
     * The maintenance thread, about a thread that has not finished a round since its last look: the round's buffers
     * are held by the cache, where no collection can find them dropped, until that thread allocates again (it may
     * never). Those still open are tracked now, and the round lets go of all of them. Racy by design, as the owner
     * may be adding to the round meanwhile: tracking is a compare-and-set, and an entry seen before its view is
     * left to the owner.
     */
    void adoptIdleRound(ThreadCache cache) {
        int rounds = cache.rounds;
        if (rounds != cache.roundsSeen) {
            cache.roundsSeen = rounds;
            return;
        }
        PooledBuffer[] round = cache.recent;
        for (int i = 0; i < round.length; i++) {
            PooledBuffer buffer = round[i];
            if (buffer != null && buffer.view() != null) {
                trackIfOpen(buffer);
                round[i] = null;
            }
        }
    }

    /**
     * A buffer's close won: its block goes onto the closing thread's own stack (the allocating thread's, or any
     * other's), or, for a retired pool, back to the arena. {@link PooledBuffer#close()} does the usual case itself.
     */
    void release(PooledBuffer buffer) {
        Chunk chunk = buffer.chunk;
        if (chunk.dedicated()) {
            retireDedicated(chunk);
            return;
        }
        ThreadCache cache = buffer.origin.owner == Thread.currentThread() ? buffer.origin
                : chunk.pool.cacheOfThisThread();
        if (cache == null || cache.slowCloses) {
            giveBack(chunk, buffer.block());
            return;
        }
        ThreadCache.Stack stack = cache.stack(chunk.slot, chunk.sizeClass);
        if (stack.isFull()) {
            spill(stack, stack.count / 2);
        }
        stack.pushFrom(chunk, buffer.id);
    }

    /** Quarantine: the block stays out until its tracker shows the view unreachable. */
    void quarantine(PooledBuffer buffer, ViewTracker tracker) {
        counters.quarantinedBytes.addAndGet(buffer.chunk.blockSize);
        tracker.closed = true;
    }

    /**
     * A buffer's view became unreachable: its block comes back, out of quarantine or as a leak. A leak of the default
     * mode is counted but its block is lost (see {@link Chunk#lost}): views derived from the view may still reach it.
     * In quarantine every view is a root of its own, which whatever is derived from it keeps reachable.
     */
    void recover(ViewTracker tracker) {
        Chunk chunk = tracker.chunk;
        chunk.untrack(tracker.block, tracker);
        if (!tracker.claim()) {
            return; // the buffer was closed, and its close released the block
        }
        boolean derivedViewsMayRemain = !tracker.closed && !chunk.pool.quarantine;
        if (tracker.closed) {
            counters.quarantinedBytes.addAndGet(-chunk.blockSize);
        } else {
            counters.leaked.incrementAndGet();
        }
        if (chunk.dedicated()) {
            if (derivedViewsMayRemain) {
                chunk.lost = 1;
            }
            retireDedicated(chunk);
        } else if (derivedViewsMayRemain) {
            settle(chunk.arena, chunk.arena.lose(chunk));
        } else {
            giveBack(chunk, tracker.block);
        }
    }

    void giveBack(Chunk chunk, int block) {
        settle(chunk.arena, chunk.arena.giveBack(chunk, block));
    }

    /** A chunk that a returned block made wholly free is given up at once if its pool is retired. */
    private void settle(Arena arena, Chunk whollyFree) {
        if (whollyFree != null && retired && arena.removeIfFree(whollyFree)) {
            bury(whollyFree);
        }
    }

    private void spill(ThreadCache.Stack stack, int count) {
        Arena arena = stack.arena;
        List<Chunk> whollyFree = arena.giveBack(stack, count);
        if (whollyFree != null && retired) {
            for (Chunk chunk : whollyFree) {
                if (arena.removeIfFree(chunk)) {
                    bury(chunk);
                }
            }
        }
    }

    private void spillAll(ThreadCache cache) {
        for (ThreadCache.Stack[] classes : cache.stacks()) {
            for (ThreadCache.Stack stack : classes) {
                if (stack.count > 0) {
                    spill(stack, stack.count);
                }
            }
        }
    }

    void retireDedicated(Chunk chunk) {
        if (dedicated.remove(chunk)) {
            bury(chunk);
        }
    }

    void bury(Chunk chunk) {
        counters.chunkGone(chunk.memory.size());
        reclamation.bury(chunk);
    }

    /** Owner: tracks what is still open of its round and empties its stacks into the arenas. */
    void flush(ThreadCache cache) {
        trackOpen(cache.takeRecent());
        spillAll(cache);
    }

    /** Drains the caches of threads that have died: their open buffers are tracked, their free blocks go home. */
    void drainDead() {
        for (ThreadCache cache : caches.removeDead()) {
            cache.becomeZombie();
            trackOpen(cache.recent);
            spillAll(cache);
            counters.fold(cache);
        }
    }
}
