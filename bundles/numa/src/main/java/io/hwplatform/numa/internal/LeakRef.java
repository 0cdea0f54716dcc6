package io.hwplatform.numa.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * Notices a buffer dropped without close: the garbage collector enqueues this reference, and the allocator puts the
 * block back. Cheaper than a {@link java.lang.ref.Cleaner} per buffer: no shared list, the chunk's slot keeps it
 * reachable.
 */
final class LeakRef extends PhantomReference<PooledBuffer> {

    final Chunk chunk;
    final int block;

    LeakRef(PooledBuffer buffer, ReferenceQueue<PooledBuffer> queue, Chunk chunk, int block) {
        super(buffer, queue);
        this.chunk = chunk;
        this.block = block;
    }
}
