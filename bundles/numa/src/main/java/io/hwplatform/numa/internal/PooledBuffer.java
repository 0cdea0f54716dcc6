package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/** A block of a pooled chunk handed to a user. */
final class PooledBuffer implements NumaBuffer {

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(PooledBuffer.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Chunk chunk;
    private final int block;
    private final int size;
    private final int requestedNode;
    private final AllocationStep step;
    private final ByteBuffer view;
    private final ThreadCache origin;
    @SuppressWarnings("unused") // written through CLOSED
    private volatile int closed;

    PooledBuffer(Chunk chunk, int block, int size, int requestedNode, AllocationStep step, ThreadCache origin) {
        this.chunk = chunk;
        this.block = block;
        this.size = size;
        this.requestedNode = requestedNode;
        this.step = step;
        this.view = chunk.view(block, size);
        this.origin = origin;
    }

    @Override
    public ByteBuffer buffer() {
        if (closed != 0) {
            throw new IllegalStateException("buffer of " + size + " bytes on node " + node() + " is closed");
        }
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
        return closed == 0;
    }

    @Override
    public void close() {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        view.limit(0);
        chunk.leakRefs[block] = null;
        chunk.pool.release(chunk, block, origin);
    }

    @Override
    public String toString() {
        return "NumaBuffer[" + size + " bytes, node " + node() + ", " + step.id() + (isOpen() ? "" : ", closed") + "]";
    }
}
