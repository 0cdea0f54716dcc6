package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.spi.NativeChunk;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A backend's chunk carved into equal blocks of one size class, or one block for a buffer with a chunk of its own.
 *
 * <p>{@link #root} is the one buffer over the whole chunk; every view handed out in the default mode is a slice of
 * it, and a slice (or a slice of a slice, a duplicate, a typed view) keeps its root reachable. So once the pool drops
 * the root, the garbage collector tells exactly when no view of the chunk is left, and only then is it unmapped.
 */
final class Chunk {

    private static final VarHandle TRACKERS = MethodHandles.arrayElementVarHandle(ViewTracker[].class);

    final Pool pool;
    /** The arena that hands out and takes back its blocks; null for a dedicated chunk. */
    final Arena arena;
    final NativeChunk memory;
    /** The arena slot: 0 for unbound memory, else the bound node's slot. */
    final int slot;
    /** The size class, or -1 for a dedicated chunk. */
    final int sizeClass;
    final int blockSize;
    final int blocks;
    /** The chunk's place in its arena's table, set by the arena before any block is handed out. */
    int index;
    private ByteBuffer root;
    /** The leak tracker of each block whose buffer lives long enough to be tracked: keeps the tracker reachable. */
    private final ViewTracker[] trackers;
    /** The free-block stack, guarded by the arena's lock (a dedicated chunk has none). */
    final int[] free;
    int freeCount;
    /**
     * Blocks of buffers that were never closed and whose view became unreachable, in the default mode. What was
     * derived from such a view (a slice, a duplicate, a typed view) keeps only the root reachable, not the view, so
     * such a block may still be read and written: it is never handed out again and its pages are never discarded;
     * it comes back with its chunk, once the chunk is otherwise free and no view of it is left. Guarded by the
     * arena's lock (set once, before the chunk is given up, for a dedicated chunk).
     */
    int lost;

    Chunk(Pool pool, Arena arena, NativeChunk memory, int slot, int sizeClass, int blockSize) {
        this.pool = pool;
        this.arena = arena;
        this.memory = memory;
        this.slot = slot;
        this.sizeClass = sizeClass;
        this.blockSize = blockSize;
        this.root = memory.memory(0, memory.size());
        this.blocks = Math.max(1, memory.size() / blockSize);
        this.trackers = new ViewTracker[blocks];
        this.free = new int[blocks];
        for (int block = 0; block < blocks; block++) {
            free[block] = blocks - 1 - block; // lowest addresses handed out first
        }
        this.freeCount = blocks;
    }

    /**
     * Keeps the tracker of an open buffer reachable until its block comes back. The buffer may be closed, and its
     * block handed out and tracked again, while this runs: a compare-and-set that fails when another tracker came in
     * meanwhile, and a last look at the buffer, make sure a late install never replaces the newer buffer's tracker
     * (it would be collected unseen, and that buffer's leak never found). A stale tracker of an earlier buffer is
     * simply replaced.
     */
    void install(int block, ViewTracker tracker, PooledBuffer buffer) {
        for (;;) {
            ViewTracker held = (ViewTracker) TRACKERS.getVolatile(trackers, block);
            if (!buffer.trackedBy(tracker)) {
                return; // closed meanwhile: its close claimed the tracker
            }
            if (TRACKERS.compareAndSet(trackers, block, held, tracker)) {
                break;
            }
        }
        if (!buffer.trackedBy(tracker)) {
            untrack(block, tracker); // closed while it went in: gone again, unless a newer one replaced it already
        }
    }

    /** Lets a tracker go, if it is still the one kept for the block. */
    void untrack(int block, ViewTracker tracker) {
        TRACKERS.compareAndSet(trackers, block, tracker, null);
    }

    boolean dedicated() {
        return sizeClass < 0;
    }

    /** @return whether no block is out: each is free or lost (the arena's lock held) */
    boolean whollyFree() {
        return freeCount + lost == blocks;
    }

    /** @return the id thread caches keep for a block */
    int id(int block) {
        return index << SizeClasses.BLOCK_BITS | block;
    }

    /** @return a view of one block, exactly {@code size} bytes long, that keeps the chunk mapped while reachable */
    ByteBuffer slice(int block, int size) {
        return root.slice(block * blockSize, size);
    }

    /** @return a view of one block that shares nothing with other views, so that its own reachability can be told */
    ByteBuffer ownRoot(int block, int size) {
        return memory.memory(block * blockSize, size);
    }

    /** Hands over the root, once the chunk left the pool: from then on only the views keep it reachable. */
    ByteBuffer detachRoot() {
        ByteBuffer detached = root;
        root = null;
        return detached;
    }

    long bytes() {
        return (long) blocks * blockSize;
    }
}
