package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocationException;
import io.hwplatform.api.numa.NumaBindException;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.PoolStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolingAllocatorTest {

    private final FakeBackend threeNodes = new FakeBackend("fake", "10 21 31", "21 10 21", "31 21 10");
    private final PoolingAllocator allocator = new PoolingAllocator();

    PoolingAllocatorTest() {
        allocator.use(threeNodes);
    }

    @Test
    void bufferHasExactlyTheSizeAskedForOnThePreferredNode() {
        try (NumaBuffer buffer = allocator.allocate(5000, 2)) {
            ByteBuffer memory = buffer.buffer();
            assertThat(memory.capacity()).isEqualTo(5000);
            assertThat(memory.isDirect()).isTrue();
            memory.putLong(4992, 42L);
            assertThat(memory.getLong(4992)).isEqualTo(42L);
            assertThat(buffer.node()).isEqualTo(2);
            assertThat(buffer.requestedNode()).isEqualTo(2);
            assertThat(buffer.step()).isEqualTo(AllocationStep.PREFERRED);
            assertThat(buffer.verified()).isTrue();
        }
    }

    @Test
    void afterCloseEveryAccessFailsAndCloseTwiceIsHarmless() {
        NumaBuffer buffer = allocator.allocate(4096, 0);
        ByteBuffer view = buffer.buffer();
        buffer.close();
        buffer.close();

        assertThat(buffer.isOpen()).isFalse();
        assertThatThrownBy(buffer::buffer).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> view.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.putInt(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(view::get).isInstanceOf(RuntimeException.class);
    }

    @Test
    void unavailableNodeFallsBackToTheNearestAndRecordsTheStep() {
        threeNodes.refusing.put(1, NumaBindException.Reason.NO_SUCH_NODE);

        try (NumaBuffer buffer = allocator.allocate(64 << 10, 1)) {
            assertThat(buffer.step()).isEqualTo(AllocationStep.NEAREST);
            // Nodes 0 and 2 are both at distance 21 from node 1: node 0 has more free memory.
            assertThat(buffer.node()).isZero();
        }
    }

    @Test
    void theChainGoesOnPastEveryNodeThatCannotServe() {
        threeNodes.refusing.put(0, NumaBindException.Reason.NO_SUCH_NODE);
        threeNodes.refusing.put(1, NumaBindException.Reason.NODE_FULL);

        try (NumaBuffer buffer = allocator.allocate(4096, 0)) {
            assertThat(buffer.node()).isEqualTo(2);
            assertThat(buffer.step()).isEqualTo(AllocationStep.NEAREST);
        }
        threeNodes.refusing.put(2, NumaBindException.Reason.NODE_FULL);
        try (NumaBuffer buffer = allocator.allocate(1 << 20, 0)) {
            assertThat(buffer.step()).isEqualTo(AllocationStep.ANY);
            assertThat(buffer.node()).isZero(); // where the fake puts unbound memory
        }
    }

    @Test
    void strictPolicyFailsWithAClearReason() {
        threeNodes.refusing.put(1, NumaBindException.Reason.NODE_FULL);

        assertThatThrownBy(() -> allocator.allocate(4096, 1, AllocationPolicy.STRICT))
                .isInstanceOf(NumaAllocationException.class)
                .hasMessageContaining("node 1 under the strict policy");
        assertThatThrownBy(() -> allocator.allocate(4096, 7, AllocationPolicy.STRICT))
                .isInstanceOf(NumaAllocationException.class)
                .hasMessageContaining("not a memory node this kernel can bind [0, 1, 2]");
        assertThat(allocator.stats().failures()).isEqualTo(2);
    }

    @Test
    void missingNodeUnderFallbackGoesToTheNearestExistingOne() {
        try (NumaBuffer buffer = allocator.allocate(4096, 9)) {
            assertThat(buffer.step()).isEqualTo(AllocationStep.NEAREST);
            assertThat(buffer.requestedNode()).isEqualTo(9);
        }
    }

    @Test
    void whenBindingIsForbiddenEverythingIsUnboundMemory() {
        threeNodes.refusing.put(Integer.MIN_VALUE, NumaBindException.Reason.NOT_PERMITTED);

        try (NumaBuffer buffer = allocator.allocate(4096, 1)) {
            assertThat(buffer.step()).isEqualTo(AllocationStep.ANY);
        }
        assertThat(allocator.bindingUnavailable()).contains("NOT_PERMITTED");
        assertThat(allocator.isNumaAware()).isFalse();
    }

    @Test
    void largeBuffersGetAChunkOfTheirOwnReleasedOnClose() {
        NumaBuffer large = allocator.allocate(3 << 20, 1);
        assertThat(large.buffer().capacity()).isEqualTo(3 << 20);
        assertThat(threeNodes.live).hasSize(1);

        large.close();

        assertThat(threeNodes.live).isEmpty();
    }

    @Test
    void trimReturnsWhollyFreeChunks() {
        List<NumaBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            buffers.add(allocator.allocate(64 << 10, i % 3));
        }
        assertThat(allocator.stats().chunks()).isGreaterThanOrEqualTo(3);
        assertThat(allocator.stats().inUseBytes()).isEqualTo(200L * (64 << 10));
        buffers.forEach(NumaBuffer::close);

        long trimmed = allocator.trim();

        PoolStats stats = allocator.stats();
        assertThat(trimmed).isPositive();
        assertThat(stats.chunks()).isZero();
        assertThat(stats.inUseBytes()).isZero();
        assertThat(threeNodes.live).isEmpty();
        assertThat(stats.allocations()).isEqualTo(200);
        assertThat(stats.steps()).containsEntry(AllocationStep.PREFERRED, 200L);
    }

    @Test
    void droppedBufferIsRecoveredAfterGarbageCollection() throws Exception {
        dropOneBuffer();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (allocator.stats().leaked() == 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(allocator.stats().leaked()).isEqualTo(1);
        assertThat(allocator.stats().inUseBytes()).isZero();
    }

    private void dropOneBuffer() {
        allocator.allocate(4096, 0).buffer().put(0, (byte) 1);
    }

    @Test
    void swappingBackendsMovesNewAllocationsAndOldChunksGoBackToTheOldBackend() {
        NumaBuffer old = allocator.allocate(4096, 0);
        FakeBackend next = new FakeBackend("next", "10 20", "20 10");

        allocator.use(next);
        NumaBuffer fresh = allocator.allocate(4096, 1);

        assertThat(allocator.stats().backend()).isEqualTo("next");
        assertThat(next.live).hasSize(1);
        assertThat(threeNodes.live).hasSize(1);
        old.close();
        assertThat(threeNodes.live).as("the old backend's chunk is freed by it").isEmpty();
        fresh.close();
        allocator.trim();
        assertThat(next.live).isEmpty();
        assertThat(allocator.stats().chunks()).isZero();
    }

    @Test
    void nodesOfComesFromTheBackend() {
        assertThat(allocator.nodesOf("nvme0n1")).containsExactly(1);
        assertThat(allocator.isNumaAware()).isTrue();
        assertThat(allocator.topology().nodes()).hasSize(3);
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> allocator.allocate(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.allocate(-5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
