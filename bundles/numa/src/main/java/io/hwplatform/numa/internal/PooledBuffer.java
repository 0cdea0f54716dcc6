package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A block of a pooled chunk handed to a user.
 *
 * <p>Closing is exactly-once without an atomic instruction in the usual case, the thread that allocated closing: that
 * thread marks {@link #ownerClosed} with a plain write and puts the block back into its own cache. Any other thread
 * first wins {@link #remoteClosed} by compare-and-set, then hands the buffer to the owner's queue; the owner skips a
 * queued buffer it had closed itself meanwhile. In quarantine every close takes the compare-and-set, and the block
 * comes back only through its {@link ViewTracker}.
 */
final class PooledBuffer implements NumaBuffer {

    private static final VarHandle REMOTE_CLOSED;

    static {
        try {
            REMOTE_CLOSED = MethodHandles.lookup().findVarHandle(PooledBuffer.class, "remoteClosed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Chunk chunk;
    final int block;
    /** The allocating thread's cache. */
    final ThreadCache origin;
    private final int size;
    private final int requestedNode;
    private final AllocationStep step;
    /** The view; dropped at close in quarantine, so that a closed handle kept around does not hold its block back. */
    private ByteBuffer view;
    /** Written by the origin's owner thread only (or, after it died, by whoever drains its cache). */
    boolean ownerClosed;
    @SuppressWarnings("unused") // written through REMOTE_CLOSED
    private volatile int remoteClosed;
    /** The next buffer in the origin's queue of closes by other threads. */
    PooledBuffer nextRemote;
    /** The leak tracker, once the buffer lived long enough to be tracked (at once in quarantine). */
    ViewTracker tracker;

    PooledBuffer(Chunk chunk, int block, int size, int requestedNode, AllocationStep step, ThreadCache origin,
            ByteBuffer view) {
        this.chunk = chunk;
        this.block = block;
        this.size = size;
        this.requestedNode = requestedNode;
        this.step = step;
        this.origin = origin;
        this.view = view;
    }

    @Override
    public ByteBuffer buffer() {
        ByteBuffer current = view;
        if (current == null || !isOpen()) {
            throw new IllegalStateException("buffer of " + size + " bytes on node " + node() + " is closed");
        }
        return current;
    }

    /** @return the view for tracking, whether or not the buffer is closed (null once dropped in quarantine) */
    ByteBuffer view() {
        return view;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int requestedNode() {
        return requestedNode;
    }

    @Override
    public int node() {
        return chunk.memory.placedNode();
    }

    @Override
    public boolean verified() {
        return chunk.memory.verified();
    }

    @Override
    public AllocationStep step() {
        return step;
    }

    @Override
    public boolean isOpen() {
        return !ownerClosed && remoteClosed == 0;
    }

    @Override
    public void close() {
        if (ownerClosed) {
            return;
        }
        Pool pool = chunk.pool;
        if (pool.quarantine) {
            if (REMOTE_CLOSED.compareAndSet(this, 0, 1)) {
                pool.closeQuarantined(this);
                view = null;
            }
        } else if (origin.owner == Thread.currentThread()) {
            ownerClosed = true;
            pool.closeOwned(origin, this);
        } else if (REMOTE_CLOSED.compareAndSet(this, 0, 1)) {
            pool.closeRemote(this);
        }
    }

    /** Owner only: marks a buffer queued by another thread closed. @return false when the owner had closed it */
    boolean takeOverRemoteClose() {
        if (ownerClosed) {
            return false;
        }
        ownerClosed = true;
        return true;
    }

    @Override
    public String toString() {
        return "NumaBuffer[" + size + " bytes, node " + node() + ", " + step.id() + (isOpen() ? "" : ", closed") + "]";
    }
}
