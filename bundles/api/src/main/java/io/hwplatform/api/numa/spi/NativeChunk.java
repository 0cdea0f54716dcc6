package io.hwplatform.api.numa.spi;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A piece of off-heap memory a {@link NumaBackend} allocated, and that only it discards and releases. The allocator
 * carves it into buffers.
 *
 * <p>Memory safety rests on one rule: the chunk holds no {@link ByteBuffer} over its own memory. Every buffer comes
 * from {@link #memory(int, int)}, so the allocator alone decides which buffers exist, follows their reachability
 * through the garbage collector, and asks for {@link NumaBackend#release(NativeChunk)} only once none of them can be
 * reached.
 */
@ConsumerType
public interface NativeChunk {

    /** @return the chunk's length in bytes */
    int size();

    /**
     * @param offset the first byte, from the chunk's start
     * @param length the buffer's capacity
     * @return a new direct, big-endian buffer over {@code [offset, offset + length)} that is its own root object: not
     *     a slice, duplicate or view of another buffer, so that it and every buffer derived from it become unreachable
     *     together. Implementations keep no reference to it.
     * @throws IndexOutOfBoundsException when the range lies outside the chunk
     */
    ByteBuffer memory(int offset, int length);

    /** @return the node the memory was bound to, or -1 when it was allocated without a binding */
    int boundNode();

    /** @return the node the kernel placed the memory on, or -1 when that could not be told */
    int placedNode();

    /** @return whether {@link #placedNode()} was checked with the kernel after the memory was touched */
    boolean verified();
}
