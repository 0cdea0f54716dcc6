package io.hwplatform.numa.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every way a pool's block comes home: closed by the thread that allocated it, closed by another thread, closed in
 * quarantine, found unreachable by the garbage collector, or left in the cache of a thread that died or moved to a
 * newer pool; and how a chunk is given up once a retired pool's last block of it is back.
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
        buffer.chunk.trackers[block] = new ViewTracker(buffer.view(), reclamation.views, buffer.chunk, block);
        buffer.tracked = true;
    }

    private static void forgetTracker(PooledBuffer buffer) {
        buffer.chunk.trackers[buffer.block()] = null;
        buffer.tracked = false;
    }

    void trackOpen(PooledBuffer[] round) {
        for (PooledBuffer buffer : round) {
            if (buffer != null && !buffer.tracked && buffer.isOpen()) {
                track(buffer);
            }
        }
    }

    /** Owner (or the drainer of a dead owner's cache): releases the buffers other threads closed. */
    void takeRemoteCloses(ThreadCache cache) {
        takeRemoteCloses(cache, cache.takeRemoteCloses());
    }

    private void takeRemoteCloses(ThreadCache cache, PooledBuffer queued) {
        for (PooledBuffer buffer = queued; buffer != null; ) {
            PooledBuffer next = buffer.nextRemote;
            buffer.nextRemote = null;
            if (buffer.takeOverRemoteClose()) {
                closeOwned(cache, buffer);
            }
            buffer = next;
        }
    }

    /**
     * The owner closed a buffer of its cache (or took over another thread's close): the block goes home. The usual
     * case, an untracked block into a stack with room, {@link PooledBuffer#close()} does by itself.
     */
    void closeOwned(ThreadCache cache, PooledBuffer buffer) {
        Chunk chunk = buffer.chunk;
        if (buffer.tracked) {
            forgetTracker(buffer);
        }
        if (chunk.dedicated()) {
            retireDedicated(chunk);
        } else if (cache.zombie) {
            giveBack(chunk, buffer.block());
        } else {
            ThreadCache.Stack stack = buffer.home;
            if (stack.isFull()) {
                spill(stack, stack.count / 2);
            }
            stack.push(buffer.id);
        }
    }

    /** Another thread won the buffer's close: the owner takes it in, or, when the owner is gone, we release it. */
    void closeRemote(PooledBuffer buffer) {
        if (buffer.origin.queueRemoteClose(buffer)) {
            return;
        }
        // The queue was closed after the owner died: seeing it closed makes the owner's own closes visible here.
        if (buffer.takeOverRemoteClose()) {
            if (buffer.tracked) {
                forgetTracker(buffer);
            }
            if (buffer.chunk.dedicated()) {
                retireDedicated(buffer.chunk);
            } else {
                giveBack(buffer.chunk, buffer.block());
            }
        }
    }

    /** Quarantine: the block stays out until its tracker shows the view unreachable. */
    void closeQuarantined(PooledBuffer buffer) {
        counters.quarantinedBytes.addAndGet(buffer.chunk.blockSize);
        buffer.chunk.trackers[buffer.block()].closed = true;
    }

    /** A buffer's view became unreachable: its block comes back, out of quarantine or as a leak. */
    void recover(ViewTracker tracker) {
        Chunk chunk = tracker.chunk;
        chunk.trackers[tracker.block] = null;
        if (tracker.closed) {
            counters.quarantinedBytes.addAndGet(-chunk.blockSize);
        } else {
            counters.leaked.incrementAndGet();
        }
        if (chunk.dedicated()) {
            retireDedicated(chunk);
        } else {
            giveBack(chunk, tracker.block);
        }
    }

    private void giveBack(Chunk chunk, int block) {
        Arena arena = chunk.arena;
        Chunk wholly = arena.giveBack(chunk, block);
        if (wholly != null && retired && arena.removeIfFree(wholly)) {
            bury(wholly);
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



    void flush(ThreadCache cache) {
        trackOpen(cache.takeRecent());
        takeRemoteCloses(cache);
        spillAll(cache);
    }

    /** Owner: takes in other threads' closes for its caches in retired pools; forgets those whose pool is done. */
    static void tendZombies(List<ThreadCache> zombies) {
        for (Iterator<ThreadCache> it = zombies.iterator(); it.hasNext(); ) {
            ThreadCache zombie = it.next();
            Returns returns = zombie.pool.returns;
            returns.takeRemoteCloses(zombie);
            if (returns.counters.chunks.get() == 0 && returns.caches.remove(zombie)) {
                returns.counters.fold(zombie); // no chunk left, so no buffer of it can be closed any more
                it.remove();
            }
        }
    }

    /** Drains the caches of threads that have died: their queues, their open buffers, their free blocks. */
    void drainDead() {
        for (ThreadCache cache : caches.removeDead()) {
            cache.becomeZombie();
            takeRemoteCloses(cache, cache.closeRemoteQueue());
            trackOpen(cache.recent);
            spillAll(cache);
            counters.fold(cache);
        }
    }
}
