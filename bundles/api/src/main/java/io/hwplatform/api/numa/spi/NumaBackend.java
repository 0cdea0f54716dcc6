package io.hwplatform.api.numa.spi;

import io.hwplatform.api.numa.NumaTopology;
import java.util.SortedSet;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An operating system's NUMA primitives, implemented by one bundle per OS and registered as a service with a
 * {@code service.ranking}; the allocator uses the highest-ranked one and swaps when a better one arrives. Each OS
 * bundle declares {@code Require-Capability: osgi.native} for its OS, so only the right one resolves.
 *
 * <p>A chunk's life: {@link #allocate(int, int)}; carved into buffers by the allocator; {@link #discard(NativeChunk)}
 * when the pool no longer needs it (its pages go back to the operating system at once); {@link #release(NativeChunk)}
 * later, once the garbage collector has shown that no buffer over it can be reached. Both may come after this
 * backend's service went away: the bundle's class loader then stays alive until its last chunk is released.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
@ConsumerType
public interface NumaBackend {

    /** @return a short name, e.g. {@code linux}, {@code windows}, {@code portable} */
    String name();

    /** @return the topology, read now (it may come from a captured tree through {@code hwplatform.root}) */
    NumaTopology topology();

    /**
     * @return the nodes the running kernel lets this process bind memory to now; with a captured tree as root these
     *     are still the live machine's, so that allocation never binds to nodes the running kernel lacks
     */
    SortedSet<Integer> bindableNodes();

    /**
     * Allocates a chunk, bound to a node and touched, so that the placement can be verified.
     *
     * @param bytes the chunk size, a multiple of the page size
     * @param node the node to bind to, or -1 for no binding
     * @return the chunk
     * @throws NumaBindException when the node cannot be bound (the allocator then tries the next node)
     * @throws OutOfMemoryError when no memory can be had at all
     */
    NativeChunk allocate(int bytes, int node) throws NumaBindException;

    /**
     * Gives the chunk's pages back to the operating system now where it allows that, keeping every address of the
     * chunk valid: a later access must never fault (on Linux {@code madvise(MADV_DONTNEED)}: reads see zeros, writes
     * take fresh pages). Where the operating system has no such call this does nothing and the memory goes back at
     * {@link #release(NativeChunk)}.
     */
    void discard(NativeChunk chunk);

    /**
     * Returns a chunk to the operating system. Called once no buffer over the chunk is reachable, so its memory is
     * never touched again.
     */
    void release(NativeChunk chunk);

    /**
     * @return the node of the CPU the calling thread runs on now (it may move at once), or -1 where the operating
     *     system does not tell
     * @since 1.1
     */
    default int currentNode() {
        return -1;
    }

    /** @return the nodes a device hangs on (see {@link io.hwplatform.api.numa.NumaAllocator#nodesOf(String)}) */
    SortedSet<Integer> nodesOf(String device);
}
