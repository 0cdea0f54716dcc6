package io.hwplatform.api.numa;

import java.util.SortedSet;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An operating system's NUMA primitives, implemented by one bundle per OS and registered as a service with a
 * {@code service.ranking}; the allocator uses the highest-ranked one and swaps when a better one arrives. Each OS
 * bundle declares {@code Require-Capability: osgi.native} for its OS, so only the right one resolves.
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
     * Returns a chunk this backend allocated to the operating system. Its memory must not be used afterwards. Called
     * also after this backend's service went away, for chunks whose buffers were still in use then.
     */
    void release(NativeChunk chunk);

    /** @return the nodes a device hangs on (see {@link NumaAllocator#nodesOf(String)}) */
    SortedSet<Integer> nodesOf(String device);
}
