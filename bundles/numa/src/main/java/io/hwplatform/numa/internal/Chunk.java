package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.NativeChunk;
import java.nio.ByteBuffer;

/**
 * A backend's chunk carved into equal blocks of one size class, or one block for a buffer with a chunk of its own.
 * The free-block stack is guarded by the owning arena's lock (a dedicated chunk has none).
 */
final class Chunk {

    final Pool pool;
    final NativeChunk memory;
    /** The arena slot: 0 for unbound memory, else the bound node's slot. */
    final int slot;
    /** The size class, or -1 for a dedicated chunk. */
    final int sizeClass;
    final int blockSize;
    final int blocks;
    private final ByteBuffer base;
    /** Leak trackers of the open buffers, by block; keeps them reachable until their buffer closes. */
    final LeakRef[] leakRefs;
    final int[] free;
    int freeCount;

    Chunk(Pool pool, NativeChunk memory, int slot, int sizeClass, int blockSize) {
        this.pool = pool;
        this.memory = memory;
        this.slot = slot;
        this.sizeClass = sizeClass;
        this.blockSize = blockSize;
        this.base = memory.memory();
        this.blocks = Math.max(1, base.capacity() / blockSize);
        this.leakRefs = new LeakRef[blocks];
        this.free = new int[blocks];
        for (int block = 0; block < blocks; block++) {
            free[block] = blocks - 1 - block; // lowest addresses handed out first
        }
        this.freeCount = blocks;
    }

    boolean dedicated() {
        return sizeClass < 0;
    }

    /** @return a new view of one block, exactly {@code size} bytes long */
    ByteBuffer view(int block, int size) {
        return base.slice(block * blockSize, size);
    }

    long bytes() {
        return (long) blocks * blockSize;
    }
}
