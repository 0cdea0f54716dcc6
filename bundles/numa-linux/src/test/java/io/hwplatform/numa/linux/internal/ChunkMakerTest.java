package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunk recipe against a scripted kernel: every failure unmaps and says what the kernel refused. */
class ChunkMakerTest {

    private static final int CHUNK = 4 * 1024 * 1024;

    @Test
    void boundChunkIsPopulatedAndVerified() throws Exception {
        ScriptedKernel kernel = new ScriptedKernel();
        LinuxChunk chunk = new ChunkMaker(kernel, node -> Long.MAX_VALUE).make(CHUNK, 1);

        assertThat(chunk.boundNode()).isEqualTo(1);
        assertThat(chunk.placedNode()).isEqualTo(1);
        assertThat(chunk.verified()).isTrue();
        assertThat(kernel.calls).containsExactly("mmap", "bind 1", "populate", "move_pages");
    }

    @Test
    void missingNodeIsNoSuchNodeAndUnmaps() {
        ScriptedKernel kernel = new ScriptedKernel();
        kernel.bindResult = -LinuxKernel.EINVAL;

        assertThatThrownBy(() -> new ChunkMaker(kernel, node -> -1L).make(CHUNK, 7))
                .isInstanceOf(NumaBindException.class)
                .hasMessage("node 7 does not exist or has no memory (mbind: EINVAL)")
                .extracting(e -> ((NumaBindException) e).reason()).isEqualTo(NumaBindException.Reason.NO_SUCH_NODE);
        assertThat(kernel.calls).endsWith("munmap");
    }

    @Test
    void seccompRefusalMeansBindingIsUnavailable() {
        ScriptedKernel kernel = new ScriptedKernel();
        kernel.bindResult = -LinuxKernel.EPERM;

        assertThatThrownBy(() -> new ChunkMaker(kernel, node -> -1L).make(CHUNK, 0))
                .isInstanceOf(NumaBindException.class)
                .hasMessageContaining("not permitted").hasMessageContaining("EPERM")
                .matches(e -> ((NumaBindException) e).bindingUnavailable());
        kernel.bindResult = -LinuxKernel.ENOSYS;
        assertThatThrownBy(() -> new ChunkMaker(kernel, node -> -1L).make(CHUNK, 0))
                .hasMessageContaining("no NUMA support");
    }

    @Test
    void fullNodeIsSkippedBeforeBinding() {
        ScriptedKernel kernel = new ScriptedKernel();

        assertThatThrownBy(() -> new ChunkMaker(kernel, node -> 1024L * 1024).make(CHUNK, 0))
                .isInstanceOf(NumaBindException.class)
                .extracting(e -> ((NumaBindException) e).reason()).isEqualTo(NumaBindException.Reason.NODE_FULL);
        assertThat(kernel.calls).isEmpty();
    }

    @Test
    void oldKernelWithoutPopulateGetsEveryPageWritten() throws Exception {
        ScriptedKernel kernel = new ScriptedKernel();
        kernel.populateResult = -LinuxKernel.EINVAL;

        LinuxChunk chunk = new ChunkMaker(kernel, node -> -1L).make(CHUNK, -1);

        assertThat(kernel.calls).containsExactly("mmap", "populate", "move_pages");
        assertThat(chunk.boundNode()).isEqualTo(-1);
    }

    @Test
    void unverifiablePlacementIsReportedAsUnknown() throws Exception {
        ScriptedKernel kernel = new ScriptedKernel();
        kernel.movePagesErrno = LinuxKernel.EPERM;

        LinuxChunk chunk = new ChunkMaker(kernel, node -> -1L).make(CHUNK, 0);

        assertThat(chunk.verified()).isFalse();
        assertThat(chunk.placedNode()).isEqualTo(-1);
    }

    @Test
    void failedMappingIsOutOfMemory() {
        ScriptedKernel kernel = new ScriptedKernel();
        kernel.mmapResult = -LinuxKernel.ENOMEM;

        assertThatThrownBy(() -> new ChunkMaker(kernel, node -> -1L).make(CHUNK, -1))
                .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("ENOMEM");
    }

    /** Records calls and answers as told; memory comes from the heap. */
    static final class ScriptedKernel implements LinuxKernel {
        final List<String> calls = new ArrayList<>();
        long mmapResult = 0x7f00_0000_0000L;
        int bindResult;
        int populateResult;
        int movePagesErrno;
        private int boundNode;

        @Override
        public long mmap(long length) {
            calls.add("mmap");
            return mmapResult;
        }

        @Override
        public int munmap(long address, long length) {
            calls.add("munmap");
            return 0;
        }

        @Override
        public int discard(long address, long length) {
            calls.add("discard");
            return 0;
        }

        @Override
        public int bind(long address, long length, int node) {
            calls.add("bind " + node);
            boundNode = node;
            return bindResult;
        }

        @Override
        public int populate(long address, long length) {
            calls.add("populate");
            return populateResult;
        }

        @Override
        public int[] nodesOfPages(long[] pages) {
            calls.add("move_pages");
            if (movePagesErrno != 0) {
                return null;
            }
            return new int[] {Math.max(boundNode, 0), Math.max(boundNode, 0), Math.max(boundNode, 0)};
        }

        @Override
        public int currentNode() {
            return 0;
        }

        @Override
        public ByteBuffer buffer(long address, int length) {
            return ByteBuffer.allocate(length);
        }
    }
}
