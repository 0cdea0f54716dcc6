package io.hwplatform.memory.windows.internal;

import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.PressureSource;
import io.hwplatform.api.memory.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
public final class WindowsPressureSource implements PressureSource {

    static final int MODERATE_LOAD = 90;

    private final WindowsMemory windows;
    private final long periodMillis;
    private final List<Consumer<MemoryPressure>> listeners = new CopyOnWriteArrayList<>();
    private volatile MemoryPressure current = MemoryPressure.none("windows", "not watched yet");
    private long low;
    private long high;
    private ScheduledExecutorService sampler;

    @Activate
    public WindowsPressureSource() {
        this(new JnaWindowsMemory(), 1000);
    }

    WindowsPressureSource(WindowsMemory windows, long periodMillis) {
        this.windows = windows;
        this.periodMillis = periodMillis;
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public String describe() {
        return "CreateMemoryResourceNotification (low, high) and the memory load, every " + periodMillis + " ms";
    }

    @Override
    public boolean isAvailable() {
        return windows.memoryLoadPercent() >= 0;
    }

    @Override
    public MemoryPressure current() {
        return current;
    }

    @Override
    public synchronized Subscription watch(Consumer<MemoryPressure> listener) {
        listeners.add(listener);
        if (sampler == null) {
            low = windows.createNotification(WindowsMemory.LOW);
            high = windows.createNotification(WindowsMemory.HIGH);
            sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "hwplatform-pressure-windows");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
        }
        return () -> unwatch(listener);
    }

    private synchronized void unwatch(Consumer<MemoryPressure> listener) {
        if (listeners.remove(listener) && listeners.isEmpty()) {
            stop();
        }
    }

    @Deactivate
    synchronized void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
            windows.close(low);
            windows.close(high);
        }
    }

    /** One query; reports on every change of level and at every reading while there is pressure. */
    void sample() {
        MemoryPressure pressure = judge(windows.isSignalled(low), windows.isSignalled(high),
                windows.memoryLoadPercent());
        MemoryPressure previous = current;
        current = pressure;
        if (pressure.level() != PressureLevel.NONE || previous.level() != PressureLevel.NONE) {
            listeners.forEach(listener -> listener.accept(pressure));
        }
    }

    /** Pure: the level the two notifications and the load stand for. */
    static MemoryPressure judge(Optional<Boolean> lowSignalled, Optional<Boolean> highSignalled, int loadPercent) {
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
        return new MemoryPressure(level, "windows", 0, java.time.Instant.now(), detail);
    }
}
