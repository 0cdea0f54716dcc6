package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.NativeChunk;
import java.nio.ByteBuffer;

/** An anonymous mapping, bound (or not) to a node, with where the kernel put it. */
record LinuxChunk(long address, int size, ByteBuffer memory, int boundNode, int placedNode, boolean verified)
        implements NativeChunk {
}
