package io.hwplatform.numa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The thread caches of one pool: the calling thread's, and the set of all, so that dead threads' can be drained. */
final class Caches {

    /** The calling thread's cache; read by the pool's fast path directly. */
    final ThreadLocal<ThreadCache> local = new ThreadLocal<>();
    private final Set<ThreadCache> all = ConcurrentHashMap.newKeySet();

    /** @return the calling thread's cache, or null before its first allocation from this pool */
    ThreadCache mine() {
        return local.get();
    }

    ThreadCache add(ThreadCache cache) {
        local.set(cache);
        all.add(cache);
        return cache;
    }

    /** Lets the calling thread forget its cache here (it stays in the set until drained). */
    void detachMine() {
        local.remove();
    }

    /** @return whether the cache was still in the set: true for exactly one caller */
    boolean remove(ThreadCache cache) {
        return all.remove(cache);
    }

    Iterable<ThreadCache> all() {
        return all;
    }

    /** Removes and returns the caches whose threads have died (their death makes their writes visible to us). */
    List<ThreadCache> removeDead() {
        List<ThreadCache> dead = new ArrayList<>();
        for (ThreadCache cache : all) {
            if (!cache.owner.isAlive() && all.remove(cache)) {
                dead.add(cache);
            }
        }
        return dead;
    }
}
