package io.hwplatform.numa.internal;

/**
 * Power-of-two size classes from 1 KiB to 1 MiB, each carved from 4 MiB chunks. Larger buffers get a chunk of their
 * own. Pure functions.
 */
final class SizeClasses {

    static final int MIN_SHIFT = 10;
    static final int MAX_SHIFT = 20;
    static final int COUNT = MAX_SHIFT - MIN_SHIFT + 1;
    static final int MAX_POOLED = 1 << MAX_SHIFT;
    static final int CHUNK_BYTES = 4 << 20;
    static final int PAGE = 4096;
    /**
     * A block id is {@code chunk index << BLOCK_BITS | block}: a chunk holds at most {@code CHUNK_BYTES >> MIN_SHIFT}
     * (4096) blocks, so 12 bits number them and thread caches keep plain ints instead of references.
     */
    static final int BLOCK_BITS = 22 - MIN_SHIFT;
    static final int BLOCK_MASK = (1 << BLOCK_BITS) - 1;

    private SizeClasses() {}

    /** @return the class of a size, or -1 when it is larger than the largest class */
    static int of(int size) {
        if (size > MAX_POOLED) {
            return -1;
        }
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(shift, MIN_SHIFT) - MIN_SHIFT;
    }

    /** @return the block size of a class */
    static int bytes(int sizeClass) {
        return 1 << (sizeClass + MIN_SHIFT);
    }

    /**
     * How many free blocks of a class one thread keeps for itself: up to 256 KiB of them, at least 2, so that small
     * buffers come from the thread's cache nearly always and large ones do not pin much memory.
     */
    static int threadCacheCapacity(int sizeClass) {
        return Math.max(2, Math.min(64, (256 << 10) / bytes(sizeClass)));
    }

    /** @return a size rounded up to whole pages, for buffers with a chunk of their own */
    static int pageAligned(int size) {
        return (int) Math.min(Integer.MAX_VALUE - PAGE + 1, ((long) size + PAGE - 1) / PAGE * PAGE);
    }
}
