package io.hwplatform.numa.portable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.NativeChunk;
import io.hwplatform.api.numa.NumaBindException;
import io.hwplatform.api.numa.NumaTopology;
import org.junit.jupiter.api.Test;

class PortableNumaBackendTest {

    private final PortableNumaBackend backend = new PortableNumaBackend();

    @Test
    void oneNodeWithEveryCpuAndTheMachinesMemory() {
        NumaTopology topology = backend.topology();

        assertThat(topology.backend()).isEqualTo("portable");
        assertThat(topology.online()).containsExactly(0);
        assertThat(topology.nodes().get(0).cpus()).hasSize(Runtime.getRuntime().availableProcessors());
        assertThat(topology.nodes().get(0).memoryTotalBytes()).isPositive();
        assertThat(topology.isNuma()).isFalse();
    }

    @Test
    void chunksAreDirectMemoryOfNodeZeroOrNone() throws Exception {
        NativeChunk chunk = backend.allocate(1 << 20, 0);

        assertThat(chunk.memory().isDirect()).isTrue();
        assertThat(chunk.memory().capacity()).isEqualTo(1 << 20);
        assertThat(chunk.boundNode()).isZero();
        assertThat(chunk.verified()).isFalse();
        backend.release(chunk);
    }

    @Test
    void otherNodesDoNotExist() {
        assertThatThrownBy(() -> backend.allocate(4096, 1))
                .isInstanceOf(NumaBindException.class).hasMessageContaining("only node 0");
    }
}
