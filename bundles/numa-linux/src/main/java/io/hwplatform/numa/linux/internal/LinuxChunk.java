package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.spi.NativeChunk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An anonymous mapping, bound (or not) to a node, with where the kernel put it. It holds no buffer over its memory:
 * each {@link #memory(int, int)} is a new one, which the allocator alone keeps.
 */
record LinuxChunk(LinuxKernel kernel, long address, int size, int boundNode, int placedNode, boolean verified)
        implements NativeChunk {

    @Override
    public ByteBuffer memory(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        return kernel.buffer(address + offset, length).order(ByteOrder.BIG_ENDIAN);
    }
}
