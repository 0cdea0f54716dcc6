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
import org.junit.jupiter.api.Test;

/**
 * Threads allocate, write, hand buffers to each other, close them (sometimes twice, sometimes from another thread),
 * and touch them after close, while the backend is swapped underneath. Nothing may fail but the expected exceptions,
 * and at the end every chunk is back with the backend that made it.
 */
class StressTest {

    private static final int THREADS = 4;
    private static final int OPERATIONS = 3_000;

    @Test
    void concurrentAllocateCloseAndAccessAfterCloseUnderBackendSwaps() throws Exception {
        FakeBackend first = new FakeBackend("first", "10 21", "21 10");
        FakeBackend second = new FakeBackend("second", "10 21", "21 10");
        PoolingAllocator allocator = new PoolingAllocator();
        allocator.use(first);
        ConcurrentLinkedQueue<NumaBuffer> handOff = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong rejectedAccesses = new AtomicLong();

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(new Thread(() -> {
                try {
                    work(allocator, handOff, rejectedAccesses);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "stress-" + t));
        }
        threads.forEach(Thread::start);
        for (int swap = 0; threads.stream().anyMatch(Thread::isAlive); swap++) {
            allocator.use(swap % 2 == 0 ? second : first);
            Thread.sleep(2);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        handOff.forEach(NumaBuffer::close);
        allocator.trim();

        assertThat(failure.get()).as("unexpected failure").isNull();
        assertThat(rejectedAccesses.get()).isPositive();
        assertThat(allocator.stats().failures()).isZero();
        assertThat(allocator.stats().chunks()).as("chunks left").isZero();
        assertThat(first.live).as("chunks of the first backend").isEmpty();
        assertThat(second.live).as("chunks of the second backend").isEmpty();
        assertThat(first.released.get() + second.released.get())
                .isEqualTo(first.allocated.get() + second.allocated.get());
    }

    private static void work(PoolingAllocator allocator, ConcurrentLinkedQueue<NumaBuffer> handOff,
            AtomicLong rejectedAccesses) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<NumaBuffer> mine = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            int size = random.nextInt(16) == 0 ? random.nextInt(1, 2 << 20) : random.nextInt(1, 64 << 10);
            NumaBuffer buffer = allocator.allocate(size, random.nextInt(3));
            ByteBuffer memory = buffer.buffer();
            memory.put(size - 1, (byte) i);
            if (memory.get(size - 1) != (byte) i) {
                throw new AssertionError("memory of an open buffer changed under us");
            }
            switch (random.nextInt(4)) {
                case 0 -> handOff.add(buffer);
                case 1 -> mine.add(buffer);
                default -> {
                    buffer.close();
                    buffer.close();
                    try {
                        memory.get(0);
                    } catch (IndexOutOfBoundsException expected) {
                        rejectedAccesses.incrementAndGet();
                    }
                }
            }
            NumaBuffer foreign = handOff.poll();
            if (foreign != null) {
                foreign.close();
            }
            if (mine.size() > 16) {
                mine.remove(random.nextInt(mine.size())).close();
            }
        }
        mine.forEach(NumaBuffer::close);
    }
}
