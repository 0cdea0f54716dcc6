package io.hwplatform.numa.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What comes back through the garbage collector, for all pools of one allocator: blocks whose buffer and view became
 * unreachable (a leak, or the end of a quarantine), and chunks the pools gave up. A chunk given up returns its pages
 * to the operating system at once and is unmapped only once no view of it can be reached, so that no sequence of
 * calls on a view, however late, can touch unmapped memory.
 */
final class Reclamation {

    /** Where {@link ViewTracker}s arrive. */
    final ReferenceQueue<ByteBuffer> views = new ReferenceQueue<>();
    private final ReferenceQueue<ByteBuffer> roots = new ReferenceQueue<>();
    /** Keeps each grave reachable until its chunk is released. */
    private final Set<Grave> graves = ConcurrentHashMap.newKeySet();
    private final AtomicLong pendingBytes = new AtomicLong();

    /**
     * Gives a chunk up: its pages go back to the operating system now (unless a lost block's data may still be read
     * through a view derived from it), the chunk once no view of it is left.
     */
    void bury(Chunk chunk) {
        if (chunk.lost == 0) {
            chunk.pool.backend.discard(chunk.memory);
        }
        pendingBytes.addAndGet(chunk.memory.size());
        graves.add(new Grave(chunk.detachRoot(), roots, chunk));
    }

    /** Takes in whatever the garbage collector found since the last call. Cheap when there is nothing. */
    void poll() {
        for (Reference<? extends ByteBuffer> ref = views.poll(); ref != null; ref = views.poll()) {
            ViewTracker tracker = (ViewTracker) ref;
            tracker.chunk.pool.returns.recover(tracker);
        }
        for (Reference<? extends ByteBuffer> ref = roots.poll(); ref != null; ref = roots.poll()) {
            Grave grave = (Grave) ref;
            if (graves.remove(grave)) {
                pendingBytes.addAndGet(-grave.chunk.memory.size());
                if (grave.chunk.lost > 0) { // kept its pages for views derived from a lost block: none is left now
                    grave.chunk.pool.backend.discard(grave.chunk.memory);
                }
                grave.chunk.pool.backend.release(grave.chunk.memory);
            }
        }
    }

    /** @return chunks given up whose views may still be reachable */
    int pendingChunks() {
        return graves.size();
    }

    long pendingBytes() {
        return pendingBytes.get();
    }

    /** A chunk waiting for its last view to become unreachable. */
    private static final class Grave extends PhantomReference<ByteBuffer> {
        final Chunk chunk;

        Grave(ByteBuffer root, ReferenceQueue<ByteBuffer> queue, Chunk chunk) {
            super(root, queue);
            this.chunk = chunk;
        }
    }
}
