package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocationException;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
    void statsTellTheBytesOfEachNode() {
        try (NumaBuffer onTwo = allocator.allocate(4096, 2); NumaBuffer large = allocator.allocate(2 << 20, 1)) {
            PoolStats stats = allocator.stats();
            assertThat(stats.nodeInUseBytes()).containsEntry(2, 4096L).containsEntry(1, 2L << 20)
                    .doesNotContainKey(0);
            assertThat(stats.nodeChunkBytes()).containsEntry(2, 4L << 20).containsEntry(1, 2L << 20);
            assertThat(stats.nodeChunks()).containsEntry(2, 1L).containsEntry(1, 1L);
            assertThat(stats.inUseBytes()).isEqualTo(4096 + (2L << 20));
        }
        assertThat(allocator.stats().nodeInUseBytes()).containsEntry(2, 0L);
    }

    @Test
    void nearADeviceTheDevicesNodeServesAndSaysSo() {
        try (NumaBuffer buffer = allocator.allocateNear("nvme0n1", 64 << 10)) {
            assertThat(buffer.node()).isEqualTo(1);
            assertThat(buffer.requestedNode()).isEqualTo(1);
            assertThat(buffer.step()).isEqualTo(AllocationStep.DEVICE);
        }
        assertThat(allocator.nodeFor("nvme0n1")).isEqualTo(1);
        assertThat(allocator.stats().steps()).containsEntry(AllocationStep.DEVICE, 1L);
    }

    @Test
    void nearAnUnknownDeviceTheThreadsNodeServesUnlessStrict() {
        threeNodes.current = 2;
        try (NumaBuffer buffer = allocator.allocateNear("sdz", 4096)) {
            assertThat(buffer.node()).isEqualTo(2);
            assertThat(buffer.step()).isEqualTo(AllocationStep.LOCAL);
        }
        assertThat(allocator.nodeFor("sdz")).isEqualTo(2);
        assertThatThrownBy(() -> allocator.allocateNear("sdz", 4096, AllocationPolicy.STRICT))
                .isInstanceOf(NumaAllocationException.class).hasMessageContaining("sdz")
                .hasMessageContaining("no node");
    }

    @Test
    void aDeviceThatSpansNodesIsServedByTheOneNearestTheThread() {
        threeNodes.current = 1;
        assertThat(allocator.nodeFor("dm-0")).as("0 and 2 both 21 from node 1; more free memory on 0").isZero();
        threeNodes.current = 2;
        try (NumaBuffer buffer = allocator.allocateNear("dm-0", 4096)) {
            assertThat(buffer.node()).isEqualTo(2);
            assertThat(buffer.step()).isEqualTo(AllocationStep.DEVICE);
        }
    }

    @Test
    void aDeviceNodeThatRefusesFallsDownTheChainAndStrictFails() {
        threeNodes.refusing.put(1, NumaBindException.Reason.NO_SUCH_NODE);
        try (NumaBuffer buffer = allocator.allocateNear("nvme0n1", 4096)) {
            assertThat(buffer.node()).isNotEqualTo(1);
            assertThat(buffer.step()).isEqualTo(AllocationStep.NEAREST);
        }
        assertThatThrownBy(() -> allocator.allocateNear("nvme0n1", 4096, AllocationPolicy.STRICT))
                .isInstanceOf(NumaAllocationException.class).hasMessageContaining("node 1");
    }

    @Test
    void theFastPathNeverLendsOneCallersStepToAnother() {
        for (int i = 0; i < 3; i++) { // same node, asked for by the caller, then for a device: each keeps its step
            try (NumaBuffer chosen = allocator.allocate(4096, 1);
                    NumaBuffer near = allocator.allocateNear("nvme0n1", 4096)) {
                assertThat(chosen.step()).isEqualTo(AllocationStep.PREFERRED);
                assertThat(near.step()).isEqualTo(AllocationStep.DEVICE);
            }
        }
    }

    @Test
    void afterCloseTheHandleRefusesAndCloseTwiceIsHarmless() {
        NumaBuffer buffer = allocator.allocate(4096, 0);
        buffer.close();
        buffer.close();

        assertThat(buffer.isOpen()).isFalse();
        assertThatThrownBy(buffer::buffer).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(allocator.stats().inUseBytes()).isZero();
    }

    @Test
    void byDefaultAViewKeptPastCloseSeesTheBlocksNextOwner() {
        NumaBuffer first = allocator.allocate(4096, 0);
        ByteBuffer stale = first.buffer();
        first.close();
        stale.clear().put(0, (byte) 7); // the everyday NIO idiom on a stale view: no crash, no exception

        try (NumaBuffer next = allocator.allocate(4096, 0)) {
            assertThat(next.buffer().get(0)).as("the same block, reused at once").isEqualTo((byte) 7);
        }
    }

    @Test
    void inQuarantineAStaleViewNeverSeesAnotherBuffersMemory() {
        PoolingAllocator strict = new PoolingAllocator(true);
        strict.use(threeNodes);
        NumaBuffer first = strict.allocate(4096, 0);
        ByteBuffer stale = first.buffer();
        first.close();

        List<NumaBuffer> next = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            NumaBuffer buffer = strict.allocate(4096, 0);
            buffer.buffer().put(0, (byte) 1);
            next.add(buffer);
        }
        stale.clear().put(0, (byte) 7);

        assertThat(next).allSatisfy(buffer -> assertThat(buffer.buffer().get(0)).isEqualTo((byte) 1));
        assertThat(strict.stats().quarantinedBytes()).isEqualTo(4096);
        assertThat(strict.stats().quarantine()).isTrue();
        next.forEach(NumaBuffer::close);
    }

    @Test
    void inQuarantineAClosedBlockComesBackOnceItsViewIsUnreachable() throws Exception {
        PoolingAllocator strict = new PoolingAllocator(true);
        strict.use(threeNodes);
        strict.allocate(4096, 0).close();

        awaitTrue(() -> strict.stats().quarantinedBytes() == 0, strict);
        assertThat(strict.stats().leaked()).as("a closed buffer is no leak").isZero();
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
        assertThat(allocator.bindingUnavailable()).hasValueSatisfying(why -> assertThat(why).contains("NOT_PERMITTED"));
        assertThat(allocator.isNumaAware()).isFalse();
    }

    @Test
    void largeBuffersGetAChunkOfTheirOwnDiscardedOnCloseAndReleasedOnceUnreachable() throws Exception {
        NumaBuffer large = allocator.allocate(3 << 20, 1);
        assertThat(large.buffer().capacity()).isEqualTo(3 << 20);
        assertThat(threeNodes.live).hasSize(1);

        large.close();

        assertThat(threeNodes.inUse()).as("its pages go back at once").isEmpty();
        assertThat(allocator.stats().awaitingRelease()).isEqualTo(1);
        large = null;
        awaitTrue(threeNodes.live::isEmpty, allocator);
        assertThat(allocator.stats().awaitingRelease()).isZero();
    }

    @Test
    void aChunkStaysMappedWhileAViewOfItIsReachable() throws Exception {
        NumaBuffer large = allocator.allocate(2 << 20, 0);
        ByteBuffer kept = large.buffer().slice(1024, 1024);
        large.close();
        large = null;

        for (int i = 0; i < 3; i++) {
            System.gc();
            allocator.stats();
        }

        assertThat(allocator.stats().awaitingRelease()).isEqualTo(1);
        assertThat(threeNodes.live).as("a slice of the view keeps the chunk mapped").hasSize(1);
        kept.putLong(0, 42L); // still mapped: no crash
        assertThat(kept.getLong(0)).isEqualTo(42L);
        kept = null;
        awaitTrue(threeNodes.live::isEmpty, allocator);
    }

    @Test
    void trimReturnsWhollyFreeChunks() throws Exception {
        List<NumaBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            buffers.add(allocator.allocate(64 << 10, i % 3));
        }
        assertThat(allocator.stats().chunks()).isGreaterThanOrEqualTo(3);
        assertThat(allocator.stats().inUseBytes()).isEqualTo(200L * (64 << 10));
        buffers.forEach(NumaBuffer::close);
        buffers.clear();

        long trimmed = allocator.trim();

        PoolStats stats = allocator.stats();
        assertThat(trimmed).isPositive();
        assertThat(stats.chunks()).isZero();
        assertThat(stats.inUseBytes()).isZero();
        assertThat(threeNodes.inUse()).as("every chunk's pages went back").isEmpty();
        assertThat(stats.allocations()).isEqualTo(200);
        assertThat(stats.steps()).containsEntry(AllocationStep.PREFERRED, 200L);
        awaitTrue(threeNodes.live::isEmpty, allocator);
    }

    @Test
    void droppedBufferIsRecoveredAfterGarbageCollection() throws Exception {
        dropOneBuffer();

        awaitTrue(() -> allocator.stats().leaked() == 1, allocator);
        assertThat(allocator.stats().inUseBytes()).isZero();
        assertThat(allocator.maintain()).anySatisfy(warning -> assertThat(warning).contains("dropped without close"));
    }

    private void dropOneBuffer() {
        allocator.allocate(4096, 0).buffer().put(0, (byte) 1);
    }

    @Test
    void aBufferWhoseViewIsKeptIsNoLeak() throws Exception {
        ByteBuffer view = allocator.allocate(4096, 0).buffer(); // the handle is dropped at once
        for (int i = 0; i < 3; i++) {
            System.gc();
            allocator.stats();
        }

        assertThat(allocator.stats().leaked()).isZero();
        assertThat(allocator.stats().inUseBytes()).isEqualTo(4096);
        view.put(0, (byte) 1);
        view = null;
        awaitTrue(() -> allocator.stats().leaked() == 1, allocator);
    }

    @Test
    void leaksAreRecoveredInSteadyStateWithoutStatsOrTrim() throws Exception {
        dropOneBuffer();
        System.gc();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (allocator.leaksFound() == 0 && System.nanoTime() < deadline) { // a look that does not look for more
            for (int i = 0; i < 10 * ThreadCache.RECENT; i++) {
                allocator.allocate(4096, 0).close(); // a service's ordinary traffic, nothing else
            }
            System.gc();
        }
        assertThat(allocator.leaksFound()).isEqualTo(1);
    }

    @Test
    void whatAnIdleThreadDroppedIsFoundByMaintenance() throws Exception {
        CountDownLatch dropped = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread idle = new Thread(() -> {
            dropOneBuffer(); // then it only waits: it never finishes its round of allocations
            dropped.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        idle.start();
        try {
            dropped.await();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (allocator.leaksFound() == 0 && System.nanoTime() < deadline) {
                allocator.maintain(); // what the component's timer does every second
                System.gc();
            }
            assertThat(allocator.leaksFound()).isEqualTo(1);
            assertThat(idle.isAlive()).isTrue();
        } finally {
            done.countDown();
            idle.join();
        }
    }

    @Test
    void withoutABackendStatsAndTrimStillAnswerAndWhatComesBackIsReleased() throws Exception {
        NumaBuffer buffer = allocator.allocate(4096, 0);
        allocator.stop(); // the last backend went away, or the component stopped

        assertThat(allocator.stats().backend()).isEqualTo("none");
        assertThat(allocator.stats().inUseBytes()).isEqualTo(4096);
        assertThat(allocator.holdsNothing()).isFalse();
        buffer.close();
        buffer = null;
        assertThat(allocator.trim()).isZero();

        awaitTrue(() -> {
            allocator.maintain();
            return allocator.holdsNothing();
        }, allocator);
        assertThat(threeNodes.inUse()).as("every chunk discarded").isEmpty();
        assertThat(threeNodes.released.get()).as("and released").isPositive();
    }

    @Test
    void aDroppedBuffersBlockStaysOutOfReuseWhileAViewDerivedFromItLives() throws Exception {
        ByteBuffer view = allocator.allocate(4096, 0).buffer();
        ByteBuffer kept = view.duplicate();
        view.put(0, (byte) 42);
        view = null;
        awaitTrue(() -> allocator.leaksFound() == 1, allocator);

        List<NumaBuffer> next = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            NumaBuffer buffer = allocator.allocate(4096, 0);
            buffer.buffer().put(0, (byte) 7);
            next.add(buffer);
        }
        assertThat(kept.get(0)).as("never handed out again").isEqualTo((byte) 42);
        next.forEach(NumaBuffer::close);
        next.clear(); // closed handles keep their views, and views their chunk's root
        int releasedBefore = threeNodes.released.get();
        allocator.trim(); // its chunk, free but for the lost block, is given up; released once no view is left
        assertThat(kept.get(0)).isEqualTo((byte) 42);

        kept = null;
        awaitTrue(() -> threeNodes.released.get() > releasedBefore, allocator);
    }

    @Test
    void closingFromAnotherThreadReturnsTheBlockExactlyOnce() throws Exception {
        List<NumaBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            buffers.add(allocator.allocate(4096, 0));
        }
        Thread closer = new Thread(() -> buffers.forEach(buffer -> {
            buffer.close();
            buffer.close();
        }));
        closer.start();
        closer.join();
        buffers.forEach(NumaBuffer::close); // the owner closes them again: harmless

        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        List<NumaBuffer> again = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            NumaBuffer buffer = allocator.allocate(4096, 0);
            buffer.buffer().putInt(0, i);
            again.add(buffer);
        }
        for (int i = 0; i < 500; i++) {
            distinct.add(again.get(i).buffer().getInt(0));
        }
        assertThat(distinct).as("no block was handed out twice").hasSize(500);
        assertThat(allocator.stats().inUseBytes()).isEqualTo(500L * 4096);
        again.forEach(NumaBuffer::close);
        assertThat(allocator.stats().inUseBytes()).isZero();
    }

    /**
     * Runs the garbage collector and looks at the pool (which takes in what came back) until the condition holds, for
     * up to ten seconds.
     */
    static void awaitTrue(java.util.function.BooleanSupplier condition, PoolingAllocator allocator)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
            allocator.stats();
        }
        assertThat(condition.getAsBoolean()).as("within ten seconds: %s", allocator.stats()).isTrue();
    }

    @Test
    void swappingBackendsMovesNewAllocationsAndOldChunksGoBackToTheOldBackend() throws Exception {
        NumaBuffer old = allocator.allocate(4096, 0);
        FakeBackend next = new FakeBackend("next", "10 20", "20 10");

        allocator.use(next);
        NumaBuffer fresh = allocator.allocate(4096, 1);

        assertThat(allocator.stats().backend()).isEqualTo("next");
        assertThat(next.live).hasSize(1);
        old.close();
        assertThat(threeNodes.inUse()).as("the old backend's chunk is given up at its last close").isEmpty();
        old = null;
        awaitTrue(threeNodes.live::isEmpty, allocator);
        fresh.close();
        fresh = null;
        allocator.trim();
        assertThat(allocator.stats().chunks()).isZero();
        awaitTrue(next.live::isEmpty, allocator);
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
