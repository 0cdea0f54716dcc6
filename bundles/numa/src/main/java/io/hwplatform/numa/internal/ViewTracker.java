package io.hwplatform.numa.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    private static final VarHandle CLAIMED;

    static {
        try {
            CLAIMED = MethodHandles.lookup().findVarHandle(ViewTracker.class, "claimed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Chunk chunk;
    final int block;
    /** Quarantine: the buffer was closed, so its block leaves quarantine instead of counting as a leak. */
    volatile boolean closed;
    /** Set by whoever releases the block through this tracker: the buffer's close, or the leak's recovery. */
    @SuppressWarnings("unused") // accessed through CLAIMED
    private volatile boolean claimed;

    ViewTracker(ByteBuffer view, ReferenceQueue<ByteBuffer> queue, Chunk chunk, int block) {
        super(view, queue);
        this.chunk = chunk;
        this.block = block;
    }

    /** @return true for exactly one caller: the one that may release the block */
    boolean claim() {
        return CLAIMED.compareAndSet(this, false, true);
    }
}
