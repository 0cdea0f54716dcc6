package io.hwplatform.memory.windows.internal;

import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.support.pressure.SamplingSource;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Windows' system-wide memory resource notifications, queried once a second: the low-memory notification signalled
 * means CRITICAL; between the two notifications (neither signalled) Windows says to keep usage constant, which counts
 * as MODERATE when the memory load is at least {@value #MODERATE_LOAD} %; the high-memory notification means none.
 * Hyper-V Dynamic Memory shows up through the same signals.
 */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=windows")
public final class WindowsPressureSource extends SamplingSource {

    static final int MODERATE_LOAD = 90;

    private final WindowsMemory windows;
    private long low;
    private long high;

    @Activate
    public WindowsPressureSource() {
        this(new JnaWindowsMemory(), 1000);
    }

    WindowsPressureSource(WindowsMemory windows, long periodMillis) {
        super("windows", "CreateMemoryResourceNotification (low, high) and the memory load, every " + periodMillis
                + " ms", periodMillis);
        this.windows = windows;
    }

    @Override
    public boolean isAvailable() {
        return windows.memoryLoadPercent() >= 0;
    }

    @Override
    protected void start() {
        low = windows.createNotification(WindowsMemory.LOW);
        high = windows.createNotification(WindowsMemory.HIGH);
        super.start();
    }

    @Override
    protected void stop() {
        super.stop();
        windows.close(low);
        windows.close(high);
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }

    /** One query; reported on every change of level and at every reading while there is pressure. */
    @Override
    protected void sample() {
        Judgement judgement = judge(windows.isSignalled(low), windows.isSignalled(high), windows.memoryLoadPercent());
        report(judgement.level(), 0, judgement.detail());
    }

    record Judgement(PressureLevel level, String detail) {}

    /** Pure: the level the two notifications and the load stand for. */
    static Judgement judge(Optional<Boolean> lowSignalled, Optional<Boolean> highSignalled, int loadPercent) {
        String detail = "low " + lowSignalled.map(String::valueOf).orElse("?") + ", high "
                + highSignalled.map(String::valueOf).orElse("?") + ", memory load " + loadPercent + " %";
        PressureLevel level;
        if (lowSignalled.orElse(false)) {
            level = PressureLevel.CRITICAL;
        } else if (!highSignalled.orElse(true) && loadPercent >= MODERATE_LOAD) {
            level = PressureLevel.MODERATE;
        } else {
            level = PressureLevel.NONE;
        }
        return new Judgement(level, detail);
    }
}
