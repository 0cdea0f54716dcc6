package io.hwplatform.api.numa;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Off-heap memory from the {@link NumaAllocator}, on a known node.
 *
 * <p>Close it when done: the memory goes back to the pool. Closing twice is harmless, and any thread may close it.
 * After close, {@link #buffer()} throws {@link IllegalStateException}.
 *
 * <p><b>Safety.</b> No sequence of calls on the view, its slices, duplicates or typed views can crash the process,
 * before or after close, from any thread: memory is unmapped only once the garbage collector has shown that no buffer
 * over it can be reached. What a view kept past close sees depends on the allocator's mode:
 * <ul>
 *   <li>by default, like Netty's {@code nioBuffer()}, it still reads and writes the block, which the pool may have
 *       handed to another buffer meanwhile: do not use a view after close;</li>
 *   <li>in quarantine ({@code io.hwplatform.numa} {@code quarantine=true}), a closed block is handed out again only
 *       once no view of it, nor anything derived from one, is reachable: a stale view can never see another buffer's
 *       memory, at the cost of a slower allocation and memory that waits for the garbage collector.</li>
 * </ul>
 *
 * <p><b>Leaks.</b> A buffer dropped without close is found once neither it nor its view is reachable, after a
 * garbage collection, and reported. Keeping only the view, or only a slice, duplicate or typed view of it, keeps the
 * memory and its data: in quarantine the block is handed out again once nothing derived from the view is reachable
 * either; by default a dropped buffer's block is never handed out again, and comes back with its chunk, once the rest
 * of the chunk is free and no view of it is reachable.
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, once or more; the view is an ordinary
 * {@link ByteBuffer}, not thread-safe.
 */
@ProviderType
public interface NumaBuffer extends AutoCloseable {

    /**
     * @return the memory, {@link #size()} bytes, position 0, big-endian as every new {@link ByteBuffer}; the same
     *     object on every call
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
