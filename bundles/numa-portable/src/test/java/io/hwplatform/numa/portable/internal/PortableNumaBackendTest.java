package io.hwplatform.numa.portable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

        ByteBuffer whole = chunk.memory(0, 1 << 20);
        assertThat(whole.isDirect()).isTrue();
        assertThat(whole.capacity()).isEqualTo(1 << 20);
        assertThat(whole.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        whole.putLong(4096, 42L);
        assertThat(chunk.memory(4096, 8).getLong(0)).as("views are over the same memory").isEqualTo(42L);
        assertThatThrownBy(() -> chunk.memory(1 << 20, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(chunk.boundNode()).isZero();
        assertThat(chunk.verified()).isFalse();
        backend.discard(chunk);
        backend.release(chunk);
    }

    @Test
    void otherNodesDoNotExist() {
        assertThatThrownBy(() -> backend.allocate(4096, 1))
                .isInstanceOf(NumaBindException.class).hasMessageContaining("only node 0");
    }
}
