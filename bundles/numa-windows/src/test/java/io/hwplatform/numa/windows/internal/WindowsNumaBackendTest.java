package io.hwplatform.numa.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Windows backend's logic against a fake kernel32 (there is no Windows machine here). */
class WindowsNumaBackendTest {

    private final FakeWindows windows = new FakeWindows();
    private final WindowsNumaBackend backend = new WindowsNumaBackend(windows);

    @Test
    void topologyFromProcessorGroupsWithoutDistances() {
        NumaTopology topology = backend.topology();

        assertThat(topology.backend()).isEqualTo("windows");
        assertThat(topology.online()).containsExactly(0, 1);
        assertThat(topology.node(0).orElseThrow().cpus()).containsExactly(0, 1, 2, 3);
        // Node 1 spans two processor groups: 64 + 0..1 and 128 + 0.
        assertThat(topology.node(1).orElseThrow().cpus()).containsExactly(64, 65, 128);
        assertThat(topology.node(1).orElseThrow().memoryFreeBytes()).isEqualTo(6L << 30);
        assertThat(topology.distance(0, 1)).isEqualTo(20);
        assertThat(topology.distance(1, 1)).isEqualTo(10);
        assertThat(topology.isNuma()).isTrue();
    }

    @Test
    void theThreadsNodeIsTheNodeWhoseGroupMaskHoldsItsProcessor() {
        assertThat(backend.currentNode()).isEqualTo(0);
        windows.running = new WindowsNuma.Processor(2, 0);
        assertThat(backend.currentNode()).as("group 2, processor 0 belongs to node 1").isEqualTo(1);
        windows.running = new WindowsNuma.Processor(2, 5);
        assertThat(backend.currentNode()).as("in no node's mask").isEqualTo(-1);
    }

    @Test
    void memoryIsTouchedThenItsNodeAskedFor() throws Exception {
        NativeChunk chunk = backend.allocate(64 << 10, 1);

        assertThat(chunk.boundNode()).isEqualTo(1);
        assertThat(chunk.placedNode()).isEqualTo(1);
        assertThat(chunk.verified()).isTrue();
        assertThat(chunk.memory(0, 64 << 10).capacity()).isEqualTo(64 << 10);
        assertThat(chunk.memory(4096, 16).capacity()).isEqualTo(16);
        backend.discard(chunk);
        assertThat(windows.discarded).containsExactly(windows.lastAddress);
        backend.release(chunk);
        assertThat(windows.freed).containsExactly(windows.lastAddress);
    }

    @Test
    void memoryTheManagerPutElsewhereIsReportedWhereItIs() throws Exception {
        windows.placeOn = 0;

        NativeChunk chunk = backend.allocate(8192, 1);

        assertThat(chunk.boundNode()).isEqualTo(1);
        assertThat(chunk.placedNode()).isZero();
    }

    @Test
    void errorsMapToReasons() {
        windows.failWith = WindowsNuma.ERROR_INVALID_PARAMETER;
        assertThatThrownBy(() -> backend.allocate(4096, 7)).isInstanceOf(NumaBindException.class)
                .hasMessageContaining("ERROR_INVALID_PARAMETER")
                .extracting(e -> ((NumaBindException) e).reason()).isEqualTo(NumaBindException.Reason.NO_SUCH_NODE);
        windows.failWith = WindowsNuma.ERROR_COMMITMENT_LIMIT;
        assertThatThrownBy(() -> backend.allocate(4096, 1)).isInstanceOf(NumaBindException.class)
                .extracting(e -> ((NumaBindException) e).reason()).isEqualTo(NumaBindException.Reason.NODE_FULL);
        assertThatThrownBy(() -> backend.allocate(4096, -1)).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void nodesWithoutAvailableMemoryCannotBeBound() {
        windows.available.put(1, 0L);
        assertThat(backend.bindableNodes()).containsExactly(0);
    }

    @Test
    void disksAndVolumesByHandle() {
        assertThat(backend.nodesOf("\\\\.\\PhysicalDrive0")).containsExactly(1);
        assertThat(backend.nodesOf("C:")).containsExactly(0);
        assertThat(backend.nodesOf("Ethernet0")).isEmpty();
    }

    /** Two nodes; node 1 spans processor groups 1 and 2. Memory is heap-backed. */
    static final class FakeWindows implements WindowsNuma {
        final Map<Integer, Long> available = new HashMap<>(Map.of(0, 4L << 30, 1, 6L << 30));
        final List<Long> freed = new ArrayList<>();
        final List<Long> discarded = new ArrayList<>();
        final Map<Long, ByteBuffer> memory = new HashMap<>();
        int failWith;
        int placeOn = -1;
        long lastAddress;
        private int requested;

        Processor running = new Processor(0, 0);

        @Override
        public Processor currentProcessor() {
            return running;
        }

        @Override
        public Map<Integer, List<GroupMask>> nodeProcessors() {
            return Map.of(0, List.of(new GroupMask(0, 0xFL)), 1, List.of(new GroupMask(1, 0x3L), new GroupMask(2, 0x1L)));
        }

        @Override
        public long availableMemory(int node) {
            return available.getOrDefault(node, -1L);
        }

        @Override
        public long allocate(long bytes, int node) {
            if (failWith != 0) {
                return 0;
            }
            requested = node;
            lastAddress = 0x1000_0000L * (memory.size() + 1);
            memory.put(lastAddress, ByteBuffer.allocate((int) bytes));
            return lastAddress;
        }

        @Override
        public int lastError() {
            return failWith;
        }

        @Override
        public void discard(long address, long bytes) {
            discarded.add(address);
        }

        @Override
        public void free(long address) {
            freed.add(address);
        }

        @Override
        public int nodeOfPage(long address) {
            return placeOn >= 0 ? placeOn : requested;
        }

        @Override
        public int nodeOfPath(String path) {
            return path.equals("\\\\.\\PhysicalDrive0") ? 1 : path.equals("\\\\.\\C:") ? 0 : -1;
        }

        @Override
        public ByteBuffer buffer(long address, int length) {
            long base = address & ~0x0fff_ffffL; // allocations are 256 MiB apart
            return memory.get(base).slice((int) (address - base), length);
        }
    }
}
