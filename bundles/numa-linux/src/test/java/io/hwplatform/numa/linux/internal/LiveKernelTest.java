package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.spi.NumaBindException;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The real system calls on the kernel running the build: memory bound to the first memory node lands there and is
 * verified; a node this kernel lacks is refused with EINVAL (or binding is refused altogether in a locked-down
 * container), never silently placed elsewhere.
 */
class LiveKernelTest {

    private static final int CHUNK = 2 * 1024 * 1024;

    private final LinuxNumaBackend backend =
            new LinuxNumaBackend(new HostFiles(HostRoot.live()), JnaLinuxKernel.load());

    @Test
    void memoryBoundToAnExistingNodeIsPlacedThere() throws Exception {
        int node = backend.bindableNodes().isEmpty() ? 0 : backend.bindableNodes().first();
        LinuxChunk chunk;
        try {
            chunk = (LinuxChunk) backend.allocate(CHUNK, node);
        } catch (NumaBindException e) {
            assertThat(e.bindingUnavailable()).as("only a kernel or container without NUMA may refuse: %s", e).isTrue();
            return;
        }
        try {
            assertThat(chunk.boundNode()).isEqualTo(node);
            assertThat(chunk.verified()).isTrue();
            assertThat(chunk.placedNode()).isEqualTo(node);
            ByteBuffer memory = chunk.memory(0, CHUNK);
            memory.putLong(CHUNK - 8, 0x1234_5678_9abc_def0L);
            assertThat(memory.getLong(CHUNK - 8)).isEqualTo(0x1234_5678_9abc_def0L);
            assertThat(chunk.memory(CHUNK - 8, 8).getLong(0)).as("a second view over the same bytes")
                    .isEqualTo(0x1234_5678_9abc_def0L);
        } finally {
            backend.release(chunk);
        }
    }

    @Test
    void theThreadsNodeIsOneThisKernelHas() {
        int node = backend.currentNode();

        assertThat(node).as("getcpu(2) names an online node").isGreaterThanOrEqualTo(0);
        assertThat(backend.topology().online()).contains(node);
    }

    @Test
    void discardedMemoryStaysMappedAndReadsZeros() throws Exception {
        LinuxChunk chunk = (LinuxChunk) backend.allocate(CHUNK, -1);
        try {
            ByteBuffer memory = chunk.memory(0, CHUNK);
            memory.putLong(4096, -1L);

            backend.discard(chunk);

            assertThat(memory.getLong(4096)).as("MADV_DONTNEED: fresh zero pages").isZero();
            memory.putLong(4096, 7L); // writing after a discard faults in a new page, it never crashes
            assertThat(memory.getLong(4096)).isEqualTo(7L);
        } finally {
            backend.release(chunk);
        }
    }

    @Test
    void aNodeThisKernelLacksIsRefused() {
        int missing = backend.bindableNodes().isEmpty() ? 1 : backend.bindableNodes().last() + 1;

        assertThatThrownBy(() -> backend.allocate(CHUNK, missing))
                .isInstanceOf(NumaBindException.class)
                .satisfies(e -> assertThat(((NumaBindException) e).reason())
                        .isIn(NumaBindException.Reason.NO_SUCH_NODE, NumaBindException.Reason.NOT_PERMITTED,
                                NumaBindException.Reason.NOT_SUPPORTED));
    }

    @Test
    void unboundMemoryIsPlacedSomewhereKnown() throws Exception {
        LinuxChunk chunk = (LinuxChunk) backend.allocate(CHUNK, -1);
        try {
            assertThat(chunk.boundNode()).isEqualTo(-1);
            if (chunk.verified()) {
                assertThat(backend.topology().online()).contains(chunk.placedNode());
            }
        } finally {
            backend.release(chunk);
        }
    }

    @Test
    void liveTopologyHasTheBindableNodes() {
        assertThat(backend.topology().online()).containsAll(backend.bindableNodes());
        assertThat(backend.topology().nodes()).isNotEmpty();
    }
}
