package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A block of a pooled chunk handed to a user.
 *
 * <p>One field, {@link #state}, decides every close exactly once, from any thread: open ({@code null}), open and
 * followed by a {@link ViewTracker}, or {@link #CLOSED}. A close wins by compare-and-set (uncontended, about a
 * nanosecond), then puts the block on the closing thread's own stack: the allocating thread's, with plain stores,
 * in the usual case; any other thread's otherwise, so that a buffer closed elsewhere is back at once even while the
 * thread that allocated it sleeps. A tracked buffer's tracker is claimed by whoever wins it, the close or the
 * garbage collector's report of a leak, never both. In quarantine the block comes back only through the tracker.
 */
final class PooledBuffer implements NumaBuffer {

    private static final VarHandle STATE;
    private static final Object CLOSED = new Object();
    private static final AllocationStep[] STEPS = AllocationStep.values();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PooledBuffer.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Seven references and ints and a byte: 40 bytes with compressed pointers.
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
    /** Open ({@code null}), open and tracked (its {@link ViewTracker}), or {@link #CLOSED}. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile Object state;
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
        return state != CLOSED;
    }

    @Override
    public void close() {
        for (;;) {
            Object current = state;
            if (current == CLOSED) {
                return;
            }
            if (STATE.compareAndSet(this, current, CLOSED)) {
                if (current != null) {
                    closeTracked((ViewTracker) current);
                    return;
                }
                ThreadCache cache = origin;
                ThreadCache.Stack stack = home;
                if (cache.owner == Thread.currentThread() && !cache.slowCloses && stack != null
                        && stack.count < stack.ids.length) {
                    stack.ids[stack.count++] = id; // the usual close: straight back onto the owner's stack
                } else {
                    chunk.pool.returns.release(this);
                }
                return;
            }
        }
    }

    private void closeTracked(ViewTracker tracker) {
        if (origin.quarantine) {
            chunk.pool.returns.quarantine(this, tracker);
            view = null;
        } else if (tracker.claim()) {
            chunk.untrack(block(), tracker);
            chunk.pool.returns.release(this);
        }
    }

    /**
     * Starts following this buffer's view, unless it is closed or followed already.
     *
     * @return whether the tracker now follows it (then it must be put where it stays reachable)
     */
    boolean track(ViewTracker tracker) {
        return STATE.compareAndSet(this, null, tracker);
    }

    /** @return whether this tracker follows this open buffer */
    boolean trackedBy(ViewTracker tracker) {
        return state == tracker;
    }

    /** @return whether a tracker follows this buffer (a racy read, for a quick skip) */
    boolean tracked() {
        Object current = state;
        return current != null && current != CLOSED;
    }

    @Override
    public String toString() {
        return "NumaBuffer[" + size + " bytes, node " + node() + ", " + step().id() + (isOpen() ? "" : ", closed") + "]";
    }
}
