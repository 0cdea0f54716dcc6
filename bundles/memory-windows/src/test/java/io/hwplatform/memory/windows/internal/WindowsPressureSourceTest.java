package io.hwplatform.memory.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.testsupport.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Windows source's logic against a fake kernel32 (there is no Windows machine here). */
class WindowsPressureSourceTest {

    @Test
    void lowMemoryNotificationIsCritical() {
        assertThat(WindowsPressureSource.judge(Optional.of(true), Optional.of(false), 97).level())
                .isEqualTo(PressureLevel.CRITICAL);
    }

    @Test
    void betweenTheNotificationsAHighLoadIsModerate() {
        assertThat(WindowsPressureSource.judge(Optional.of(false), Optional.of(false), 92).level())
                .isEqualTo(PressureLevel.MODERATE);
        assertThat(WindowsPressureSource.judge(Optional.of(false), Optional.of(false), 60).level())
                .isEqualTo(PressureLevel.NONE);
    }

    @Test
    void highMemoryOrUnknownStatesAreCalm() {
        assertThat(WindowsPressureSource.judge(Optional.of(false), Optional.of(true), 95).level())
                .isEqualTo(PressureLevel.NONE);
        assertThat(WindowsPressureSource.judge(Optional.empty(), Optional.empty(), 99).level())
                .isEqualTo(PressureLevel.NONE);
    }

    @Test
    void watchingCreatesBothNotificationsReportsChangesAndClosesThem() {
        FakeWindows windows = new FakeWindows();
        WindowsPressureSource source = new WindowsPressureSource(windows, 60_000);
        List<MemoryPressure> reports = new CopyOnWriteArrayList<>();
        Subscription subscription = source.watch(reports::add);
        // The sampling thread's first reading, at once; the next is a minute away, so the readings below are alone
        Await.until(() -> !source.current().detail().equals("not watched yet"), 5_000, "the first sample");

        windows.low = true;
        source.sample();
        windows.low = false;
        windows.high = true;
        source.sample();
        source.sample();
        subscription.close();

        assertThat(reports).extracting(MemoryPressure::level)
                .containsExactly(PressureLevel.CRITICAL, PressureLevel.NONE);
        assertThat(windows.closed).containsExactlyInAnyOrder(1L, 2L);
        assertThat(new WindowsProcessMemory(windows).residentBytes()).hasValue(123L << 20);
    }

    static final class FakeWindows implements WindowsMemory {
        volatile boolean low;
        volatile boolean high;
        final List<Long> closed = new ArrayList<>();

        @Override
        public long createNotification(int type) {
            return type == LOW ? 1 : 2;
        }

        @Override
        public Optional<Boolean> isSignalled(long handle) {
            return Optional.of(handle == 1 ? low : high);
        }

        @Override
        public int memoryLoadPercent() {
            return 50;
        }

        @Override
        public OptionalLong workingSetBytes() {
            return OptionalLong.of(123L << 20);
        }

        @Override
        public void close(long handle) {
            closed.add(handle);
        }
    }
}
