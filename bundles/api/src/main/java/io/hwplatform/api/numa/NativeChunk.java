package io.hwplatform.api.numa;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A piece of off-heap memory a {@link NumaBackend} allocated, and that only it releases. The allocator carves it
 * into buffers.
 */
@ConsumerType
public interface NativeChunk {

    /** @return the whole chunk as a direct buffer; views of it are what users get */
    ByteBuffer memory();

    /** @return the node the memory was bound to, or -1 when it was allocated without a binding */
    int boundNode();

    /** @return the node the kernel placed the memory on, or -1 when that could not be told */
    int placedNode();

    /** @return whether {@link #placedNode()} was checked with the kernel after the memory was touched */
    boolean verified();
}
