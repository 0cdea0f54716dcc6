package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.numa.NumaBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threads allocate, fill each buffer with a pattern of its own, hand buffers to each other, close them (sometimes
 * twice, sometimes from another thread), and touch their views after close, while the backend is swapped underneath.
 * Every buffer's pattern is checked just before it is closed, so a block handed out twice shows. Nothing may fail,
 * and at the end every chunk is back with the backend that made it.
 */
class StressTest {

    private static final int THREADS = 4;
    private static final int OPERATIONS = 3_000;

    @ParameterizedTest(name = "quarantine {0}")
    @ValueSource(booleans = {false, true})
    void concurrentAllocateCloseAndStaleViewsUnderBackendSwaps(boolean quarantine) throws Exception {
        FakeBackend first = new FakeBackend("first", "10 21", "21 10");
        FakeBackend second = new FakeBackend("second", "10 21", "21 10");
        PoolingAllocator allocator = new PoolingAllocator(quarantine);
        allocator.use(first);
        ConcurrentLinkedQueue<Stamped> handOff = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong staleTouches = new AtomicLong();

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                try {
                    work(id, allocator, handOff, staleTouches, quarantine);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "stress-" + t));
        }
        threads.forEach(Thread::start);
        for (int swap = 0; threads.stream().anyMatch(Thread::isAlive); swap++) {
            allocator.use(swap % 2 == 0 ? second : first);
            Thread.onSpinWait();
            Thread.yield();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Stamped stamped = handOff.poll(); stamped != null; stamped = handOff.poll()) {
            stamped.checkAndClose();
        }
        threads.clear();
        allocator.trim();

        assertThat(failure.get()).as("unexpected failure").isNull();
        assertThat(staleTouches.get()).isPositive();
        assertThat(allocator.stats().failures()).isZero();
        // Trimmed again while waiting: what comes out of quarantine later is free again only then.
        PoolingAllocatorTest.awaitTrue(() -> allocator.trim() >= 0 && allocator.stats().chunks() == 0
                && allocator.stats().inUseBytes() == 0 && first.live.isEmpty() && second.live.isEmpty(), allocator);
        assertThat(first.released.get() + second.released.get())
                .isEqualTo(first.allocated.get() + second.allocated.get());
    }

    private static void work(int thread, PoolingAllocator allocator, ConcurrentLinkedQueue<Stamped> handOff,
            AtomicLong staleTouches, boolean quarantine) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Stamped> mine = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            int size = random.nextInt(16) == 0 ? random.nextInt(1, 2 << 20) : random.nextInt(1, 64 << 10);
            Stamped stamped = new Stamped(allocator.allocate(size, random.nextInt(3)), thread << 24 | i);
            switch (random.nextInt(4)) {
                case 0 -> handOff.add(stamped);
                case 1 -> mine.add(stamped);
                default -> {
                    ByteBuffer stale = stamped.buffer.buffer();
                    stamped.checkAndClose();
                    stamped.buffer.close();
                    stale.clear();
                    stale.get(0); // reading a stale view never fails
                    if (quarantine) {
                        stale.put(0, (byte) -1); // in quarantine even a stale write cannot reach a live buffer
                    }
                    staleTouches.incrementAndGet();
                }
            }
            Stamped foreign = handOff.poll();
            if (foreign != null) {
                foreign.checkAndClose();
            }
            if (mine.size() > 16) {
                mine.remove(random.nextInt(mine.size())).checkAndClose();
            }
        }
        mine.forEach(Stamped::checkAndClose);
    }

    /** A buffer whose first, middle and last bytes carry its own stamp. */
    private record Stamped(NumaBuffer buffer, int stamp) {
        Stamped {
            ByteBuffer memory = buffer.buffer();
            for (int at : positions(memory.capacity())) {
                memory.put(at, (byte) (stamp + at));
            }
        }

        void checkAndClose() {
            ByteBuffer memory = buffer.buffer();
            for (int at : positions(memory.capacity())) {
                if (memory.get(at) != (byte) (stamp + at)) {
                    throw new AssertionError("a live buffer's memory changed: handed out twice? " + buffer);
                }
            }
            buffer.close();
        }

        private static int[] positions(int size) {
            return new int[] {0, size / 2, size - 1};
        }
    }
}
