package io.hwplatform.api.numa;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Off-heap memory from the {@link NumaAllocator}, on a known node.
 *
 * <p>Close it when done: the memory goes back to the pool. After close, {@link #buffer()} throws
 * {@link IllegalStateException} and the view it handed out has its limit set to 0, so any access through it throws
 * {@link IndexOutOfBoundsException}. Do not keep duplicates or slices of the view past close: they are not revoked and
 * would see memory the pool has handed to someone else. Closing twice is harmless. A buffer dropped without close is
 * found by the garbage collector, reported, and its memory recovered.
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, once or more; the view is an ordinary
 * {@link ByteBuffer}, not thread-safe.
 */
@ProviderType
public interface NumaBuffer extends AutoCloseable {

    /**
     * @return the memory, {@link #size()} bytes, position 0, big-endian as every new {@link ByteBuffer}
     * @throws IllegalStateException when the buffer is closed
     */
    ByteBuffer buffer();

    /** @return the size asked for */
    int size();

    /** @return the node the caller asked for */
    int requestedNode();

    /** @return the node the kernel placed the memory on, or -1 when it could not be told */
    int node();

    /** @return whether {@link #node()} was checked with the kernel after the memory was touched */
    boolean verified();

    /** @return the step of the fallback chain that served this buffer */
    AllocationStep step();

    /** @return whether the buffer is still open */
    boolean isOpen();

    /** Returns the memory to the pool. Idempotent. */
    @Override
    void close();
}
