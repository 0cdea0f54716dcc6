package io.hwplatform.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * Hot swap as operators do it in the launcher, with File Install watching a deploy directory as it watches the
 * launcher's {@code deploy/}: stop the Linux backend, start it, uninstall it, drop its jar into the directory, remove
 * the jar again. A consumer allocates all along and must never see a failed call.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapIT {

    private static final long SWITCH_LIMIT_MILLIS = 10_000;

    @Inject
    private NumaAllocator allocator;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(PlatformOptions.base(), PlatformOptions.numa(),
                mavenBundle("org.apache.felix", "org.apache.felix.fileinstall").versionAsInProject(),
                frameworkProperty("felix.fileinstall.dir").value(deployDirectory().toString()),
                frameworkProperty("felix.fileinstall.poll").value("250"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
    }

    @Test
    public void droppingRemovingStoppingAndStartingBackendsSwitchesWithoutAFailedCall() throws Exception {
        Bundle embedded = PlatformOptions.installed(context, "io.hwplatform.numa.linux");
        Path deploy = Path.of(context.getProperty("felix.fileinstall.dir")); // made by the configuration, outside
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong calls = new AtomicLong();
        Thread consumer = new Thread(() -> {
            try {
                while (running.get()) {
                    try (NumaBuffer buffer = allocator.allocate(ThreadLocalRandom.current().nextInt(1, 64 << 10), 0)) {
                        buffer.buffer().put(0, (byte) 1);
                        calls.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "consumer");
        consumer.start();
        List<String> timings = new ArrayList<>();
        Path dropped = deploy.resolve("numa-linux-hot.jar");
        try {
            timings.add("stop: " + switchTo("portable", embedded::stop) + " ms");
            timings.add("start: " + switchTo("linux", embedded::start) + " ms");
            timings.add("uninstall: " + switchTo("portable", embedded::uninstall) + " ms");
            // File Install installs and starts a dropped jar, and uninstalls it when the jar goes away
            timings.add("drop into deploy: " + switchTo("linux", () -> copy(PlatformOptions.jar("numa-linux"), dropped)) + " ms");
            timings.add("remove from deploy: " + switchTo("portable", () -> Files.delete(dropped)) + " ms");
        } finally {
            running.set(false);
            consumer.join();
        }
        System.out.println("hot-swap switch times: " + timings + ", " + calls.get() + " allocations meanwhile");

        if (failure.get() != null) {
            throw new AssertionError("a consumer call failed during the swaps", failure.get());
        }
        assertTrue("the consumer kept allocating", calls.get() > 100);
        assertEquals(0, allocator.stats().failures());
    }

    /** Does the step and measures how long until the allocator uses the named backend. */
    private long switchTo(String backend, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(SWITCH_LIMIT_MILLIS);
        while (!allocator.stats().backend().equals(backend)) {
            assertTrue("switched to " + backend + " within " + SWITCH_LIMIT_MILLIS + " ms", System.nanoTime() < deadline);
            Thread.sleep(10);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void copy(Path from, Path to) throws IOException {
        Path partial = Files.copy(from, to.getParent().getParent().resolve(to.getFileName() + ".part"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, to); // File Install must never see a half-written jar
    }

    private static Path deployDirectory() {
        try {
            Path root = Files.createTempDirectory("hwplatform-hotswap-");
            return Files.createDirectory(root.resolve("deploy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
