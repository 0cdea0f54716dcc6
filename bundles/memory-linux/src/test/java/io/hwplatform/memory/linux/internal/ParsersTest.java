package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.api.memory.PressureLevel;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The texts of PSI, meminfo, vmstat, cgroup and Xen files, garbage and absence included. */
class ParsersTest {

    @Test
    void psiReading() {
        Psi psi = Psi.parse("some avg10=9.12 avg60=3.40 avg300=0.91 total=180123\n"
                + "full avg10=0.80 avg60=0.20 avg300=0.05 total=20456\n").orElseThrow();

        assertThat(psi.someAvg10()).isEqualTo(9.12);
        assertThat(psi.someTotalMicros()).isEqualTo(180123);
        assertThat(psi.fullTotalMicros()).isEqualTo(20456);
        assertThat(psi.describe()).isEqualTo("some avg10=9.12 full avg10=0.80");
    }

    @Test
    void psiWithoutAFullLineAndGarbage() {
        assertThat(Psi.parse("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n")).hasValueSatisfying(
                psi -> assertThat(psi.fullTotalMicros()).isZero());
        assertThat(Psi.parse("")).isEmpty();
        assertThat(Psi.parse("some avg10=x avg60=0 avg300=0 total=1")).isEmpty();
        assertThat(Psi.parse("full avg10=0.00 avg60=0.00 avg300=0.00 total=5")).isEmpty();
    }

    @Test
    void triggerSpecs() {
        PsiTrigger trigger = PsiTrigger.parse(" some 150000 2000000 ");
        assertThat(trigger.full()).isFalse();
        assertThat(trigger.spec()).isEqualTo("some 150000 2000000");
        assertThat(PsiTrigger.parse("FULL 100000 2000000").full()).isTrue();
        assertThatThrownBy(() -> PsiTrigger.parse("sometimes 1 2")).hasMessageContaining("not a PSI trigger");
        assertThatThrownBy(() -> PsiTrigger.parse("some 3000000 2000000")).hasMessageContaining("stall <= window");
        assertThatThrownBy(() -> PsiTrigger.parse("some 1 20000000")).hasMessageContaining("10 s");
        assertThatThrownBy(() -> PsiTrigger.parse("some x 2000000")).hasMessageContaining("µs");
    }

    @Test
    void samplingComparesStallWithTheTriggersShareOfItsWindow() {
        PsiTrigger moderate = PsiTrigger.parse("some 150000 2000000"); // 7.5 %
        Psi before = new Psi(0, 1_000_000, 0, 0);

        assertThat(moderate.exceededBy(before, new Psi(0, 1_080_000, 0, 0), 1_000_000)).isTrue();  // 8 %
        assertThat(moderate.exceededBy(before, new Psi(0, 1_070_000, 0, 0), 1_000_000)).isFalse(); // 7 %
        assertThat(PsiTrigger.parse("full 100000 2000000").exceededBy(before, new Psi(0, 9_000_000, 0, 40_000),
                1_000_000)).isFalse();
        assertThat(moderate.exceededBy(before, before, 0)).isFalse();
    }

    @Test
    void balloonFromMeminfoVmstatAndXen() {
        BalloonReading modern = BalloonReading.parse("MemTotal: 8000000 kB\nMemAvailable: 6000000 kB\nBalloon: 1024 kB\n",
                "nr_balloon_pages 512\n", null, null, BalloonReading.DEFAULT_PAGE);
        assertThat(modern.balloon()).hasValue(1024L * 1024);

        BalloonReading vmstatOnly = BalloonReading.parse("MemTotal: 8000000 kB\n", "nr_balloon_pages 512\n", null, null,
                BalloonReading.DEFAULT_PAGE);
        assertThat(vmstatOnly.balloon()).hasValue(512L * 4096);

        BalloonReading compaction = BalloonReading.parse("MemTotal: 8000000 kB\n",
                "balloon_inflate 300\nballoon_deflate 100\nballoon_migrate 7\n", null, null, BalloonReading.DEFAULT_PAGE);
        assertThat(compaction.balloon()).hasValue(200L * 4096);

        BalloonReading xen = BalloonReading.parse("MemTotal: 8000000 kB\n", "", "4194304\n", "8388608\n", BalloonReading.DEFAULT_PAGE);
        assertThat(xen.balloon()).isEmpty();
        assertThat(xen.xenTarget()).hasValue(4194304L * 1024);
        assertThat(xen.xenCurrent()).hasValue(8388608L * 1024);

        BalloonReading garbage = BalloonReading.parse("\0\0garbage", "x y z", "lots", "", BalloonReading.DEFAULT_PAGE);
        assertThat(garbage.memTotal()).isZero();

        long sixtyFourKib = BalloonReading.kernelPageSize(
                "aaaac0de0000-aaaac0df0000 r-xp 00000000 fe:01 1234 /usr/bin/java\nSize:                 64 kB\n"
                        + "KernelPageSize:       64 kB\nMMUPageSize:          64 kB\n").orElseThrow();
        assertThat(sixtyFourKib).isEqualTo(65536);
        assertThat(BalloonReading.parse("MemTotal: 8000000 kB\n", "nr_balloon_pages 512\n", null, null, sixtyFourKib)
                .balloon()).as("a 64 KiB-page kernel's pages").hasValue(512L * 65536);
        assertThat(BalloonReading.kernelPageSize("KernelPageSize: lots\n")).isEmpty();
        assertThat(BalloonReading.kernelPageSize("")).isEmpty();
        assertThat(garbage.memTotal()).isZero();
        assertThat(garbage.xenTarget()).isEmpty();
    }

    @Test
    void aCapturedSixtyFourKibibytePageKernelCountsItsBalloonInItsOwnPages() {
        BalloonSource source = new BalloonSource(
                HostRoot.of(java.nio.file.Path.of("src/test/trees/arm64-64k-pages-guest").toAbsolutePath().toString()), 1000);
        source.sample();
        assertThat(source.sizeBytes()).hasValue(3072L * 65536);
    }

    @Test
    void growingBalloonWantsItsGrowthBack() {
        BalloonSource source = new BalloonSource(HostRoot.live(), 1000);
        String vmstat = "";
        source.judge(BalloonReading.parse("MemTotal: 2097152 kB\nMemAvailable: 1500000 kB\nBalloon: 0 kB\n", vmstat,
                null, null, BalloonReading.DEFAULT_PAGE));

        BalloonSource.Judgement inflated = source.judge(BalloonReading.parse(
                "MemTotal: 2097152 kB\nMemAvailable: 900000 kB\nBalloon: 524288 kB\n", vmstat, null, null, BalloonReading.DEFAULT_PAGE));

        assertThat(inflated.level()).isEqualTo(PressureLevel.MODERATE);
        assertThat(inflated.bytesWanted()).isEqualTo(512L << 20);
        assertThat(inflated.detail()).contains("balloon 512 MiB (+512 MiB)");
        assertThat(source.sizeBytes()).hasValue(512L << 20);

        BalloonSource.Judgement steady = source.judge(BalloonReading.parse(
                "MemTotal: 2097152 kB\nMemAvailable: 900000 kB\nBalloon: 524288 kB\n", vmstat, null, null, BalloonReading.DEFAULT_PAGE));
        assertThat(steady.level()).isEqualTo(PressureLevel.NONE);
    }

    @Test
    void olderKernelsShowTheBalloonAsShrinkingMemTotal() {
        BalloonSource source = new BalloonSource(HostRoot.live(), 1000);
        source.judge(BalloonReading.parse("MemTotal: 2000000 kB\nMemAvailable: 1500000 kB\n", "", null, null, BalloonReading.DEFAULT_PAGE));

        BalloonSource.Judgement shrunk = source.judge(BalloonReading.parse(
                "MemTotal: 1000000 kB\nMemAvailable: 500000 kB\n", "", null, null, BalloonReading.DEFAULT_PAGE));

        assertThat(shrunk.level()).isEqualTo(PressureLevel.MODERATE);
        assertThat(shrunk.bytesWanted()).isEqualTo(1000000L * 1024);
    }

    @Test
    void almostNoMemoryLeftIsCritical() {
        BalloonSource source = new BalloonSource(HostRoot.live(), 1000);
        assertThat(source.judge(BalloonReading.parse("MemTotal: 2000000 kB\nMemAvailable: 50000 kB\n", "", null, null, BalloonReading.DEFAULT_PAGE))
                .level()).isEqualTo(PressureLevel.CRITICAL);
    }

    @Test
    void xenOwingMemoryIsModerate() {
        BalloonSource source = new BalloonSource(HostRoot.live(), 1000);
        BalloonSource.Judgement owed = source.judge(BalloonReading.parse("MemTotal: 8000000 kB\nMemAvailable: 4000000 kB\n",
                "", "4194304", "4718592", BalloonReading.DEFAULT_PAGE));
        assertThat(owed.level()).isEqualTo(PressureLevel.MODERATE);
        assertThat(owed.bytesWanted()).isEqualTo(512L << 20);
        assertThat(source.targetBytes()).hasValue(4194304L * 1024);
    }

    @Test
    void cgroupLimits() {
        long gib = 1L << 30;
        CgroupLimitSource.Judgement nearHigh = CgroupLimitSource.judge(new CgroupLimitSource.Limits(
                OptionalLong.of(gib * 96 / 100), OptionalLong.of(gib), OptionalLong.empty()), Map.of(), Map.of());
        assertThat(nearHigh.level()).isEqualTo(PressureLevel.MODERATE);
        assertThat(nearHigh.bytesWanted()).isEqualTo(gib * 96 / 100 - (long) (0.85 * gib));

        CgroupLimitSource.Judgement oomEvent = CgroupLimitSource.judge(new CgroupLimitSource.Limits(
                OptionalLong.of(gib / 2), OptionalLong.empty(), OptionalLong.of(gib)), Map.of("oom", 1L),
                Map.of("oom", 2L));
        assertThat(oomEvent.level()).isEqualTo(PressureLevel.CRITICAL);
        assertThat(oomEvent.detail()).contains("max/oom +1");

        CgroupLimitSource.Judgement calm = CgroupLimitSource.judge(new CgroupLimitSource.Limits(
                OptionalLong.of(gib / 2), OptionalLong.empty(), OptionalLong.empty()), null, Map.of("high", 9L));
        assertThat(calm.level()).isEqualTo(PressureLevel.NONE);
    }

    @Test
    void systemdHandover() {
        HostRoot live = HostRoot.live();
        assertThat(SystemdPressureSource.Handover.of(live, Map.of()).unavailable()).contains("MemoryPressureWatch=");
        assertThat(SystemdPressureSource.Handover.of(live, Map.of("MEMORY_PRESSURE_WATCH", "/dev/null")).unavailable())
                .contains("turned off");
        SystemdPressureSource.Handover handover = SystemdPressureSource.Handover.of(live, Map.of(
                "MEMORY_PRESSURE_WATCH", "/proc/pressure/memory",
                "MEMORY_PRESSURE_WRITE", "c29tZSAyMDAwMDAgMjAwMDAwMAA="));
        if (handover.path() != null) { // the file exists on this kernel
            assertThat(new String(handover.write(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("some 200000 2000000\0");
        }
        assertThat(SystemdPressureSource.Handover.of(HostRoot.of("/tmp/x"), Map.of("MEMORY_PRESSURE_WATCH", "/a"))
                .unavailable()).contains("captured tree");
    }
}
