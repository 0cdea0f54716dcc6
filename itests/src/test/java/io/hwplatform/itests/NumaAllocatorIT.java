package io.hwplatform.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The allocator with its backends as bundles: the Linux backend comes and goes under load, allocations never fail. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class NumaAllocatorIT {

    private static final int SWAPS = 100;

    @Inject
    private NumaAllocator allocator;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(PlatformOptions.base(), PlatformOptions.numa());
    }

    @Test
    public void theLinuxBackendOutranksThePortableOne() {
        assertEquals("linux", allocator.stats().backend());
        try (NumaBuffer buffer = allocator.allocate(4096, 0)) {
            assertEquals(0, buffer.requestedNode());
            buffer.buffer().putInt(0, 42);
            assertEquals(42, buffer.buffer().getInt(0));
        }
    }

    @Test
    public void swappingBackendsUnderLoadFailsNoAllocationAndLeaksNoChunk() throws Exception {
        Bundle linux = PlatformOptions.installed(context, "io.hwplatform.numa.linux");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong allocations = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread worker = new Thread(() -> {
                List<NumaBuffer> open = new ArrayList<>();
                try {
                    while (running.get()) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        NumaBuffer buffer = allocator.allocate(random.nextInt(1, 128 << 10), random.nextInt(2));
                        buffer.buffer().put(buffer.size() - 1, (byte) 7);
                        open.add(buffer);
                        allocations.incrementAndGet();
                        if (open.size() > 32) {
                            open.remove(random.nextInt(open.size())).close();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    open.forEach(NumaBuffer::close);
                }
            }, "allocating-" + t);
            workers.add(worker);
            worker.start();
        }
        for (int swap = 0; swap < SWAPS; swap++) {
            linux.stop();
            assertEquals("portable", allocator.stats().backend());
            linux.start();
            assertEquals("linux", allocator.stats().backend());
        }
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        allocator.trim();
        PoolStats stats = allocator.stats();

        assertNull("no allocation failed: " + failure.get(), failure.get());
        assertTrue("allocations happened during the swaps: " + allocations.get(), allocations.get() > SWAPS);
        assertEquals("failed allocations", 0, stats.failures());
        assertEquals("chunks left after every buffer closed", 0, stats.chunks());
        assertEquals(0, stats.inUseBytes());
    }

    @Test
    public void aNodeTheKernelLacksFallsBackAndSaysSo() {
        try (NumaBuffer buffer = allocator.allocate(4096, 63)) {
            assertNotNull(buffer.step());
            assertTrue(buffer.step() == AllocationStep.NEAREST || buffer.step() == AllocationStep.ANY);
            assertEquals(63, buffer.requestedNode());
        }
    }
}
