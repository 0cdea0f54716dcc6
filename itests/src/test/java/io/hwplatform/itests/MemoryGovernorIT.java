package io.hwplatform.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.memory.BalloonDriver;
import io.hwplatform.api.memory.MemoryCapabilities;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryReclaimer;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.PressureSource;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The governor in a framework: sources and reclaimers come and go while pressure events flow. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MemoryGovernorIT {

    @Inject
    private MemoryGovernor governor;

    @Inject
    private BalloonDriver balloon;

    @Inject
    private CapabilityRegistry registry;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(PlatformOptions.base(), PlatformOptions.memory());
    }

    @Test
    public void sourcesAndReclaimersComeAndGoWhilePressureFlows() throws Exception {
        List<String> topics = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> handler = new Hashtable<>();
        handler.put(EventConstants.EVENT_TOPIC, "io/hwplatform/memory/*");
        context.registerService(EventHandler.class, event -> topics.add(event.getTopic()), handler);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong released = new AtomicLong();
        Thread churn = new Thread(() -> {
            int round = 0;
            while (running.get()) {
                ServiceRegistration<PressureSource> source = context.registerService(PressureSource.class,
                        new PulsingSource("pulse"), properties("pulse", 0));
                ServiceRegistration<MemoryReclaimer> reclaimer = context.registerService(MemoryReclaimer.class,
                        (bytes, level) -> {
                            released.addAndGet(bytes);
                            return bytes;
                        }, properties("cache-" + round, 1000));
                sleep(150);
                reclaimer.unregister();
                source.unregister();
                round++;
            }
        }, "churn");
        churn.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (governor.history().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        running.set(false);
        churn.join();

        assertTrue("reclaims happened: " + governor.history(), governor.history().size() >= 3);
        assertTrue("a reclaimer released something", released.get() > 0);
        assertTrue("pressure events posted: " + topics, topics.contains(MemoryCapabilities.TOPIC_PRESSURE));
        assertTrue("reclaim events posted: " + topics, topics.contains(MemoryCapabilities.TOPIC_RECLAIMED));
        assertFalse("the source's capability went with it", registry.find("memory.pressure.pulse").isPresent());
    }

    @Test
    public void aThrowingReclaimerDoesNotStopTheNextOne() {
        context.registerService(MemoryReclaimer.class, (bytes, level) -> {
            throw new IllegalStateException("broken cache");
        }, properties("broken", 2000));
        context.registerService(MemoryReclaimer.class, (bytes, level) -> bytes, properties("healthy", 1000));

        ReclaimReport report = governor.reclaim(1 << 20, PressureLevel.CRITICAL);

        assertEquals("broken", report.results().get(0).name());
        assertTrue(report.results().get(0).outcome().startsWith("failed"));
        assertEquals("healthy", report.results().get(1).name());
        assertEquals(1 << 20, report.bytesReleased());
    }

    @Test
    public void balloonHandlersAreAskedAndReportWhatTheyReleased() {
        AtomicLong asked = new AtomicLong();
        Subscription handler = balloon.registerPressureHandler(bytes -> {
            asked.set(bytes);
            balloon.reportMemoryReleased(bytes / 2);
        });
        try {
            ReclaimReport report = governor.reclaim(8 << 20, PressureLevel.MODERATE);
            assertEquals(8 << 20, asked.get());
            assertEquals(4 << 20, report.bytesReleased());
        } finally {
            handler.close();
        }
        assertTrue(governor.reclaim(1, PressureLevel.MODERATE).results().isEmpty());
    }

    /**
     * A bundle that registered a handler and stopped without closing it: the handler goes with it, so that the
     * governor never calls a stopped bundle's code.
     */
    @Test
    public void aStoppedBundlesBalloonHandlersGoWithIt() throws Exception {
        String handlers = "(" + MemoryReclaimer.NAME + "=balloon-handler-*)";
        Bundle user = context.installBundle("itest:balloon-user", TestBundles.empty("io.hwplatform.itests.balloon"));
        user.start();
        try {
            BundleContext userContext = user.getBundleContext();
            BalloonDriver itsBalloon = userContext.getService(userContext.getServiceReference(BalloonDriver.class));
            AtomicLong asked = new AtomicLong();
            itsBalloon.registerPressureHandler(asked::set); // never closed
            assertEquals(1, context.getServiceReferences(MemoryReclaimer.class, handlers).size());
            governor.reclaim(1 << 20, PressureLevel.MODERATE);
            assertEquals(1 << 20, asked.get());

            user.stop();

            assertTrue("the stopped bundle's handler is gone",
                    context.getServiceReferences(MemoryReclaimer.class, handlers).isEmpty());
            asked.set(0);
            governor.reclaim(1 << 20, PressureLevel.MODERATE);
            assertEquals("not called after its bundle stopped", 0, asked.get());
        } finally {
            user.uninstall();
        }
    }

    @Test
    public void aSourcesCapabilityLivesAsLongAsTheSource() {
        ServiceRegistration<PressureSource> source = context.registerService(PressureSource.class,
                new PulsingSource("steady"), properties("steady", 0));
        assertTrue(registry.find("memory.pressure.steady").isPresent());
        assertNotNull(governor.sources().stream().filter(info -> info.name().equals("steady")).findFirst()
                .orElse(null));
        source.unregister();
        assertFalse(registry.find("memory.pressure.steady").isPresent());
    }

    private static Hashtable<String, Object> properties(String name, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MemoryReclaimer.NAME, name);
        properties.put(PressureSource.NAME, name);
        properties.put(Constants.SERVICE_RANKING, ranking);
        return properties;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports MODERATE pressure every 20 ms while watched. */
    static final class PulsingSource implements PressureSource {
        private final String name;

        PulsingSource(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String describe() {
            return "a test pulse";
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public MemoryPressure current() {
            return MemoryPressure.none(name, "quiet");
        }

        @Override
        public Subscription watch(Consumer<MemoryPressure> listener) {
            AtomicBoolean open = new AtomicBoolean(true);
            Thread pulse = new Thread(() -> {
                while (open.get()) {
                    listener.accept(new MemoryPressure(PressureLevel.MODERATE, name, 1 << 20, Instant.now(), "pulse"));
                    sleep(20);
                }
            }, "pulse-" + name);
            pulse.setDaemon(true);
            pulse.start();
            return () -> open.set(false);
        }
    }
}
