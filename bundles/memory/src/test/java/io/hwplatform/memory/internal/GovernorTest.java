package io.hwplatform.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.PressureSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The governor with fake sources, reclaimers and environment, and a scheduler the test drives: nothing happens on
 * the governor's side until the test runs what is due, so no test sleeps or races.
 */
class GovernorTest {

    private static final Settings FAST = new Settings(0.10, 0.25, 200, 300, 100, 200, true, true,
            Settings.JvmGc.NEVER);

    private final FakeEnvironment environment = new FakeEnvironment();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Governor governor = new Governor(FAST, environment, scheduler);
    private final BlockingQueue<ReclaimReport> reports = new LinkedBlockingQueue<>();

    GovernorTest() {
        governor.watch(new MemoryListener() {
            @Override
            public void reclaimed(ReclaimReport report) {
                reports.add(report);
            }
        });
    }

    @AfterEach
    void stop() {
        governor.close();
    }

    @Test
    void reclaimersAreAskedHighestRankingFirstUntilEnoughIsReleased() throws Exception {
        List<String> asked = new ArrayList<>();
        governor.addReclaimer(reclaimer("pool", -10, 1000, asked));
        governor.addReclaimer(reclaimer("cache", 1000, 600, asked));
        governor.addReclaimer(reclaimer("index", 0, 600, asked));

        ReclaimReport report = governor.reclaimNow(1000, PressureLevel.MODERATE, "test");

        assertThat(asked).containsExactly("cache", "index");
        assertThat(report.bytesReleased()).isEqualTo(1200);
        assertThat(report.results()).extracting(result -> result.name()).containsExactly("cache", "index");
        assertThat(report.results()).allMatch(result -> result.outcome().equals("ok"));
    }

    @Test
    void aThrowingAndAHangingReclaimerDoNotStopTheOthers() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        governor.addReclaimer(new RegisteredReclaimer((bytes, level) -> {
            throw new IllegalStateException("boom");
        }, "throws", 300, 1));
        governor.addReclaimer(new RegisteredReclaimer((bytes, level) -> {
            try {
                hung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return bytes;
        }, "hangs", 200, 2));
        governor.addReclaimer(reclaimer("works", 100, 500, new ArrayList<>()));

        ReclaimReport report = governor.reclaimNow(400, PressureLevel.CRITICAL, "test");

        assertThat(report.results()).extracting(result -> result.outcome())
                .containsExactly("failed: java.lang.IllegalStateException: boom", "timed out", "ok");
        assertThat(report.bytesReleased()).isEqualTo(500);
        assertThat(report.millis()).isLessThan(5000);

        ReclaimReport again = governor.reclaimNow(400, PressureLevel.CRITICAL, "test");
        assertThat(again.results().get(1).outcome()).isEqualTo("skipped: still busy");
        hung.countDown();
    }

    @Test
    void whatAReclaimerReleasesAfterItsBudgetCountsForTheNextReclaim() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        RegisteredReclaimer cache = new RegisteredReclaimer((bytes, level) -> {
            asked.add(bytes);
            if (asked.size() == 1) {
                awaitQuietly(slow); // the first call outlives its budget, then releases 300
                return 300L;
            }
            return bytes;
        }, "cache", 0, 1);
        governor.addReclaimer(cache);

        assertThat(governor.reclaimNow(400, PressureLevel.CRITICAL, "test").results().get(0).outcome())
                .isEqualTo("timed out");
        slow.countDown();
        for (long deadline = System.nanoTime() + 5_000_000_000L; cache.releasedLate.get() == 0
                && System.nanoTime() < deadline;) {
            Thread.onSpinWait();
        }
        ReclaimReport next = governor.reclaimNow(400, PressureLevel.CRITICAL, "test");

        assertThat(next.results()).extracting(result -> result.outcome() + " " + result.releasedBytes())
                .containsExactly(ReclaimRun.LATE + " 300", "ok 100");
        assertThat(asked).containsExactly(400L, 100L);
        assertThat(next.bytesReleased()).isEqualTo(400);
    }

    @Test
    void memoryReleasedOutsideAReclaimGoesBackToTheOsOnceForABurst() {
        governor.releasedOutsideReclaim();
        governor.releasedOutsideReclaim();
        governor.releasedOutsideReclaim();
        scheduler.runDue();
        assertThat(environment.numaTrims).as("not before the delay").hasValue(0);

        scheduler.advance(200, TimeUnit.MILLISECONDS);
        scheduler.runDue();
        assertThat(environment.numaTrims).hasValue(1);
        assertThat(environment.nativeTrims).hasValue(1);

        governor.releasedOutsideReclaim();
        scheduler.advance(200, TimeUnit.MILLISECONDS);
        scheduler.runDue();
        assertThat(environment.numaTrims).as("a later report is another return").hasValue(2);
    }

    @Test
    void primingRunsTheTrimsButAsksNoReclaimerAndTellsNobody() {
        List<String> asked = new ArrayList<>();
        governor.addReclaimer(reclaimer("cache", 0, 100, asked));

        governor.prime();
        scheduler.runDue();

        assertThat(environment.numaTrims).hasValue(1);
        assertThat(environment.nativeTrims).hasValue(1);
        assertThat(asked).isEmpty();
        assertThat(reports).isEmpty();
        assertThat(governor.history()).isEmpty();
    }

    @Test
    void pressureTriggersAReclaimOfWhatTheSourceWants() throws Exception {
        AtomicLong wanted = new AtomicLong();
        governor.addReclaimer(new RegisteredReclaimer((bytes, level) -> {
            wanted.set(bytes);
            return bytes;
        }, "cache", 0, 1));
        FakeSource balloon = new FakeSource("balloon");
        governor.addSource(balloon);

        balloon.report(PressureLevel.MODERATE, 256L << 20);
        assertThat(reports).as("asynchronous: nothing before the governor's thread runs").isEmpty();
        scheduler.runDue();

        ReclaimReport report = reports.poll();
        assertThat(report).isNotNull();
        assertThat(report.trigger()).isEqualTo("balloon");
        assertThat(wanted.get()).isEqualTo(256L << 20);
        assertThat(environment.numaTrims.get()).isEqualTo(1);
        assertThat(environment.nativeTrims.get()).isEqualTo(1);
    }

    @Test
    void withoutAnAmountTheGovernorAsksForAShareOfResidentMemory() throws Exception {
        AtomicLong wanted = new AtomicLong();
        governor.addReclaimer(new RegisteredReclaimer((bytes, level) -> {
            wanted.set(bytes);
            return 0;
        }, "cache", 0, 1));
        FakeSource psi = new FakeSource("psi");
        governor.addSource(psi);

        psi.report(PressureLevel.CRITICAL, 0);
        scheduler.runDue();

        assertThat(reports.poll()).isNotNull();
        assertThat(wanted.get()).isEqualTo((long) (environment.resident.get() * 0.25));
    }

    @Test
    void aStormOfReportsBecomesFewReclaimsSpacedByTheCooldown() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        governor.addReclaimer(new RegisteredReclaimer((bytes, level) -> {
            calls.incrementAndGet();
            return bytes;
        }, "cache", 0, 1));
        FakeSource psi = new FakeSource("psi");
        governor.addSource(psi);

        for (int i = 0; i < 200; i++) {
            psi.report(PressureLevel.MODERATE, 1024);
        }
        scheduler.runDue();
        assertThat(calls.get()).as("200 reports folded into one reclaim").isEqualTo(1);

        psi.report(PressureLevel.MODERATE, 1024);
        scheduler.runDue();
        assertThat(calls.get()).as("a report during the cooldown waits for its end").isEqualTo(1);
        scheduler.advance(FAST.cooldownMillis() - 1, TimeUnit.MILLISECONDS);
        assertThat(calls.get()).isEqualTo(1);
        scheduler.advance(1, TimeUnit.MILLISECONDS);
        assertThat(calls.get()).isEqualTo(2);
        psi.report(PressureLevel.CRITICAL, 1024);
        scheduler.runDue();
        assertThat(calls.get()).as("a higher level does not wait for a lower level's cooldown").isEqualTo(3);
        assertThat(governor.level()).isEqualTo(PressureLevel.CRITICAL);
    }

    @Test
    void reclaimersAreToldWhenPressureHasGone() throws Exception {
        CountDownLatch relieved = new CountDownLatch(1);
        governor.addReclaimer(new RegisteredReclaimer(new io.hwplatform.api.memory.MemoryReclaimer() {
            @Override
            public long reclaim(long bytesWanted, PressureLevel level) {
                return bytesWanted;
            }

            @Override
            public void relieved() {
                relieved.countDown();
            }
        }, "cache", 0, 1));
        FakeSource psi = new FakeSource("psi");
        governor.addSource(psi);
        psi.report(PressureLevel.MODERATE, 1024);
        psi.report(PressureLevel.NONE, 0);
        scheduler.runDue();
        scheduler.advance(FAST.reliefMillis() - 1, TimeUnit.MILLISECONDS);
        assertThat(relieved.getCount()).as("not before the relief delay").isEqualTo(1);

        scheduler.advance(1, TimeUnit.MILLISECONDS);

        assertThat(relieved.await(5, TimeUnit.SECONDS)).as("told on a worker thread").isTrue();
        assertThat(governor.level()).isEqualTo(PressureLevel.NONE);
    }

    @Test
    void pressureComingBackCancelsRelief() {
        AtomicInteger relieved = new AtomicInteger();
        governor.addReclaimer(new RegisteredReclaimer(new io.hwplatform.api.memory.MemoryReclaimer() {
            @Override
            public long reclaim(long bytesWanted, PressureLevel level) {
                return bytesWanted;
            }

            @Override
            public void relieved() {
                relieved.incrementAndGet();
            }
        }, "cache", 0, 1));
        FakeSource psi = new FakeSource("psi");
        governor.addSource(psi);
        psi.report(PressureLevel.MODERATE, 1024);
        psi.report(PressureLevel.NONE, 0);
        scheduler.runDue();

        psi.report(PressureLevel.MODERATE, 1024);
        scheduler.advance(FAST.reliefMillis() * 2, TimeUnit.MILLISECONDS);

        assertThat(relieved.get()).isZero();
        assertThat(governor.level()).isEqualTo(PressureLevel.MODERATE);
    }

    @Test
    void aThrowingListenerIsReportedAndTheNextReportStillArrives() {
        List<PressureLevel> heard = new ArrayList<>();
        governor.watch(new MemoryListener() {
            @Override
            public void pressure(MemoryPressure pressure) {
                throw new StackOverflowError("Event Admin went away"); // an Error too: as a redirected stream can throw
            }
        });
        governor.watch(new MemoryListener() {
            @Override
            public void pressure(MemoryPressure pressure) {
                heard.add(pressure.level());
            }
        });
        FakeSource psi = new FakeSource("psi");
        governor.addSource(psi);

        psi.report(PressureLevel.MODERATE, 1024); // the source's thread must not see the exception
        psi.report(PressureLevel.CRITICAL, 1024);
        scheduler.runDue();

        assertThat(heard).containsExactly(PressureLevel.MODERATE, PressureLevel.CRITICAL);
        assertThat(reports).as("the reclaim went on").hasSize(1);
        assertThat(governor.sourceInfos()).singleElement().satisfies(info -> assertThat(info.description())
                .contains("last failure").contains("Event Admin went away"));
    }

    @Test
    void removedSourcesAndReclaimersAreForgotten() {
        FakeSource psi = new FakeSource("psi");
        governor.addSource(psi);
        psi.report(PressureLevel.CRITICAL, 0); // its reclaim stays pending: the test never runs the scheduler
        governor.removeSource(psi);
        assertThat(psi.closed).isTrue();
        assertThat(governor.level()).isEqualTo(PressureLevel.NONE);

        List<String> asked = new ArrayList<>();
        RegisteredReclaimer cache = reclaimer("cache", 0, 10, asked);
        governor.addReclaimer(cache);
        governor.removeReclaimer(cache.reclaimer);
        governor.reclaimNow(10, PressureLevel.MODERATE, "test");
        assertThat(asked).isEmpty();
    }

    @Test
    void historyKeepsTheLatestReclaims() {
        for (int i = 0; i < 40; i++) {
            governor.reclaimNow(i, PressureLevel.MODERATE, "test-" + i);
        }
        assertThat(governor.history()).hasSize(32);
        assertThat(governor.lastReclaim().trigger()).isEqualTo("test-39");
    }

    @Test
    void residentMemoryIsMeasuredAroundTheReclaim() {
        governor.addReclaimer(new RegisteredReclaimer((bytes, level) -> {
            environment.resident.addAndGet(-bytes);
            return bytes;
        }, "cache", 0, 1));

        ReclaimReport report = governor.reclaimNow(100L << 20, PressureLevel.MODERATE, "test");

        assertThat(report.residentBefore() - report.residentAfter()).isEqualTo(100L << 20);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RegisteredReclaimer reclaimer(String name, int ranking, long releases, List<String> asked) {
        return new RegisteredReclaimer((bytes, level) -> {
            synchronized (asked) {
                asked.add(name);
            }
            return releases;
        }, name, ranking, asked.size());
    }

    static final class FakeEnvironment implements Environment {
        final AtomicLong resident = new AtomicLong(1L << 30);
        final AtomicInteger numaTrims = new AtomicInteger();
        final AtomicInteger nativeTrims = new AtomicInteger();

        @Override
        public OptionalLong residentBytes() {
            return OptionalLong.of(resident.get());
        }

        @Override
        public long trimNumaPool() {
            numaTrims.incrementAndGet();
            return 0;
        }

        @Override
        public long trimNativeHeap() {
            nativeTrims.incrementAndGet();
            return -1;
        }

        @Override
        public boolean collectGarbage() {
            return true;
        }
    }

    static final class FakeSource implements PressureSource {
        private final String name;
        private volatile Consumer<MemoryPressure> listener;
        volatile boolean closed;

        FakeSource(String name) {
            this.name = name;
        }

        void report(PressureLevel level, long bytes) {
            listener.accept(new MemoryPressure(level, name, bytes, Instant.now(), "fake"));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public MemoryPressure current() {
            return MemoryPressure.none(name, "fake");
        }

        @Override
        public Subscription watch(Consumer<MemoryPressure> consumer) {
            listener = consumer;
            return () -> closed = true;
        }
    }
}
