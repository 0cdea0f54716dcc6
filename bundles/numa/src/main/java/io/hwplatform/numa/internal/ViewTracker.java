package io.hwplatform.numa.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;

/**
 * Follows one buffer's view through the garbage collector. The handle holds the view, so the tracker is enqueued only
 * once neither the handle nor the view can be reached: then the block comes back, as a leak when the buffer was never
 * closed, or out of quarantine when it was.
 *
 * <p>The chunk's {@link Chunk#trackers} slot keeps the tracker reachable until the block comes back.
 */
final class ViewTracker extends PhantomReference<ByteBuffer> {

    final Chunk chunk;
    final int block;
    /** Quarantine: the buffer was closed, so its block leaves quarantine instead of counting as a leak. */
    volatile boolean closed;

    ViewTracker(ByteBuffer view, ReferenceQueue<ByteBuffer> queue, Chunk chunk, int block) {
        super(view, queue);
        this.chunk = chunk;
        this.block = block;
    }
}
