package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.host.HostRoot;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.Subscription;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** The sources on the kernel running the build: PSI triggers or sampling, the process's RSS, malloc_trim. */
class LiveSourcesTest {

    static final PsiConfig DEFAULTS = new PsiConfig() {
        @Override
        public String moderate_trigger() {
            return "some 150000 2000000";
        }

        @Override
        public String critical_trigger() {
            return "full 100000 2000000";
        }

        @Override
        public long sample_ms() {
            return 100;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return PsiConfig.class;
        }
    };

    @Test
    void systemPsiWatchesWithTriggersOrSamplesAndSaysWhich() throws Exception {
        SystemPsiSource psi = new SystemPsiSource(HostRoot.live(), DEFAULTS);
        if (!Files.isReadable(Path.of(SystemPsiSource.PATH))) {
            assertThat(psi.isAvailable()).isFalse();
            return;
        }
        assertThat(psi.isAvailable()).isTrue();
        BlockingQueue<MemoryPressure> reports = new LinkedBlockingQueue<>();
        Subscription subscription = psi.watch(reports::add);
        try {
            assertThat(psi.describe()).matches("(kernel triggers|sampling) .*");
            System.out.println("psi source: " + psi.describe());
        } finally {
            subscription.close();
        }
        psi.shutdown();
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
            Thread.sleep(300);
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
    void residentMemoryAndNativeTrim() {
        LinuxProcessMemory process = new LinuxProcessMemory();
        assertThat(process.residentBytes()).isPresent();
        assertThat(process.residentBytes().getAsLong()).isGreaterThan(1 << 20);
        assertThat(process.trimNativeHeap()).isGreaterThanOrEqualTo(-1);
    }
}
