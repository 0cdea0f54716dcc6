package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.testsupport.Await;
import io.hwplatform.testsupport.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sources on the kernel running the build: PSI triggers or sampling, the process's RSS, malloc_trim. */
class LiveSourcesTest {

    /** The defaults, sampling ten times as often so that the tests wait less. */
    static final PsiConfig DEFAULTS = Configs.of(PsiConfig.class, Map.of("sample_ms", 100L));

    @Test
    void systemPsiWatchesWithTriggersOrSamplesAndSaysWhich() throws Exception {
        SystemPsiSource psi = new SystemPsiSource(HostRoot.live(), DEFAULTS);
        if (!Files.isReadable(Path.of(SystemPsiSource.PATH))) {
            assertThat(psi.isAvailable()).isFalse();
            return;
        }
        assertThat(psi.isAvailable()).isTrue();
        Subscription subscription = psi.watch(pressure -> { });
        try {
            assertThat(psi.describe()).matches("(kernel triggers|sampling) .*");
            // A real reading arrives: a sample, or the quiet report after the triggers' longest window twice.
            Await.until(() -> psi.current().detail().startsWith("some avg10="), 10_000, "a report");
            assertThat(psi.current().level()).isNotNull();
        } finally {
            subscription.close();
        }
        psi.deactivate();
    }

    @Test
    void aCapturedTreeIsSampledAndItsPressureSeen() throws Exception {
        Path root = Files.createTempDirectory("psi-tree");
        Files.createDirectories(root.resolve("proc/pressure"));
        Path file = root.resolve("proc/pressure/memory");
        Files.writeString(file, "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        SystemPsiSource psi = new SystemPsiSource(HostRoot.of(root.toString()), DEFAULTS);
        BlockingQueue<MemoryPressure> reports = new LinkedBlockingQueue<>();
        Subscription subscription = psi.watch(reports::add);
        try {
            Await.until(() -> psi.current().detail().startsWith("some avg10=0.00"), 5_000, "the baseline read");
            Files.writeString(file, "some avg10=50.00 avg60=10.00 avg300=2.00 total=9000000\n"
                    + "full avg10=20.00 avg60=5.00 avg300=1.00 total=4000000\n");
            MemoryPressure pressure = reports.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(pressure).isNotNull();
            assertThat(pressure.level()).isEqualTo(PressureLevel.CRITICAL);
            assertThat(psi.describe()).contains("captured tree");
        } finally {
            subscription.close();
        }
    }

    @Test
    void aThrowingListenerIsReportedAndTheSourceKeepsReporting() throws Exception {
        Path root = Files.createTempDirectory("psi-tree");
        Files.createDirectories(root.resolve("proc/pressure"));
        Path file = root.resolve("proc/pressure/memory");
        Files.writeString(file, "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        SystemPsiSource psi = new SystemPsiSource(HostRoot.of(root.toString()), DEFAULTS);
        BlockingQueue<MemoryPressure> heard = new LinkedBlockingQueue<>();
        Subscription throwing = psi.watch(pressure -> {
            throw new IllegalStateException("a departed Event Admin");
        });
        Subscription listening = psi.watch(heard::add);
        try {
            Await.until(() -> psi.current().detail().startsWith("some avg10=0.00"), 5_000, "a report");
            Files.writeString(file, "some avg10=50.00 avg60=10.00 avg300=2.00 total=9000000\n"
                    + "full avg10=20.00 avg60=5.00 avg300=1.00 total=4000000\n");

            assertThat(heard.poll(5, TimeUnit.SECONDS)).as("first report").isNotNull();
            assertThat(heard.poll(5, TimeUnit.SECONDS)).as("the next report still arrives").isNotNull();
            assertThat(psi.describe()).contains("last failure").contains("a listener failed")
                    .contains("a departed Event Admin");
        } finally {
            throwing.close();
            listening.close();
        }
    }

    @Test
    void aTriggerWatchSurvivesWhatItsCallbackThrows() throws Exception {
        java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger quiet = new java.util.concurrent.atomic.AtomicInteger();
        TriggerWatch watch;
        try {
            watch = new TriggerWatch(SystemPsiSource.PATH,
                    java.util.List.of("some 150000 2000000\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 20,
                    trigger -> {
                        if (quiet.incrementAndGet() == 1) {
                            throw new AssertionError("first call fails"); // an Error, not only exceptions
                        }
                    }, why -> { }, failures::add, "test-psi");
        } catch (TriggerWatch.Refused refused) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no PSI triggers here: " + refused.getMessage());
            return;
        }
        try {
            Await.until(() -> quiet.get() >= 3, 10_000, "a report");
            assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("first call fails"));
        } finally {
            watch.close();
        }
    }

    @Test
    void theLiveCgroupIsNamedWithHowItIsWatched() throws Exception {
        CgroupLimitSource limits = new CgroupLimitSource(HostRoot.live(), 100, true);
        java.util.Optional<CgroupLocator.Location> location = CgroupLimitSource.locate(HostRoot.live());
        System.out.println("cgroup source: " + limits.describe());
        if (location.isEmpty()) {
            assertThat(limits.isAvailable()).isFalse();
            return;
        }
        assertThat(limits.describe()).startsWith(location.get().version() == CgroupLocator.Version.V2
                ? "cgroup v2 /" : "cgroup v1 memory controller /").contains(location.get().own());
        Subscription subscription = limits.watch(pressure -> { });
        try {
            Await.until(() -> limits.current().detail().startsWith("current "), 5_000, "a report");
        } finally {
            subscription.close();
        }
        if (location.get().version() == CgroupLocator.Version.V1) {
            CgroupV1PressureSource v1 = new CgroupV1PressureSource(HostRoot.live());
            Subscription watching = v1.watch(pressure -> { });
            try {
                System.out.println("cgroup v1 pressure source: " + v1.describe());
                assertThat(v1.describe()).matches("(kernel notifications|memory.pressure_level of ).*");
            } finally {
                watching.close();
            }
        }
    }

    @Test
    void residentMemoryAndNativeTrim() {
        LinuxProcessMemory process = new LinuxProcessMemory();
        assertThat(process.residentBytes()).isPresent();
        assertThat(process.residentBytes().getAsLong()).isGreaterThan(1 << 20);
        if (Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6")) || Files.exists(Path.of("/lib64/libc.so.6"))) {
            assertThat(process.trimNativeHeap()).as("glibc's malloc_trim ran").isNotNegative();
        }
    }
}
