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
    private static final AllocationStep[] STEPS = AllocationStep.values();

    static {
        try {
            REMOTE_CLOSED = MethodHandles.lookup().findVarHandle(PooledBuffer.class, "remoteClosed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Eight references and ints and four bytes: 48 bytes with compressed pointers.
    final Chunk chunk;
    /** The block's id in its arena (its chunk's index and the block); the block alone for a dedicated chunk. */
    final int id;
    /** The allocating thread's cache. */
    final ThreadCache origin;
    /** The stack in that cache the block came from and goes back to; null for a dedicated chunk. */
    final ThreadCache.Stack home;
    /** The view; dropped at close in quarantine, so that a closed handle kept around does not hold its block back. */
    private ByteBuffer view;
    private final int size;
    private final int requestedNode;
    /** The next buffer in the origin's queue of closes by other threads. */
    PooledBuffer nextRemote;
    /** Written by the origin's owner thread only (or, after it died, by whoever drains its cache). */
    boolean ownerClosed;
    /** Whether a {@link ViewTracker} in {@link Chunk#trackers} follows this buffer's view; written by its owner. */
    boolean tracked;
    @SuppressWarnings("unused") // written through REMOTE_CLOSED
    private volatile boolean remoteClosed;
    private final byte step;

    PooledBuffer(Chunk chunk, int id, int size, int requestedNode, AllocationStep step, ThreadCache origin,
            ThreadCache.Stack home, ByteBuffer view) {
        this.chunk = chunk;
        this.id = id;
        this.size = size;
        this.requestedNode = requestedNode;
        this.step = (byte) step.ordinal();
        this.origin = origin;
        this.home = home;
        this.view = view;
    }

    int block() {
        return id & SizeClasses.BLOCK_MASK;
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
        return STEPS[step];
    }

    @Override
    public boolean isOpen() {
        return !ownerClosed && !remoteClosed;
    }

    @Override
    public void close() {
        if (ownerClosed) {
            return;
        }
        ThreadCache cache = origin;
        if (cache.owner == Thread.currentThread()) {
            if (!cache.slowCloses) {
                ownerClosed = true;
                ThreadCache.Stack stack = home;
                if (stack != null && !tracked && stack.count < stack.ids.length) {
                    stack.ids[stack.count++] = id; // the usual close: straight back onto the owner's stack
                } else {
                    chunk.pool.returns.closeOwned(cache, this);
                }
                return;
            }
            if (!cache.quarantine) { // the owner's pool was retired
                ownerClosed = true;
                chunk.pool.returns.closeOwned(cache, this);
                return;
            }
        }
        if (REMOTE_CLOSED.compareAndSet(this, false, true)) {
            if (cache.quarantine) {
                chunk.pool.returns.closeQuarantined(this);
                view = null;
            } else {
                chunk.pool.returns.closeRemote(this);
            }
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
        return "NumaBuffer[" + size + " bytes, node " + node() + ", " + step().id() + (isOpen() ? "" : ", closed") + "]";
    }
}
