package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.PressureSource;
import io.hwplatform.api.memory.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What every source shares: listeners, the last report, and watching only while someone listens. A report reaches
 * the listeners when the level changes, and again at every reading while there is pressure, so that the governor
 * can reclaim again after its cooldown if pressure persists.
 */
abstract class WatchedSource implements PressureSource {

    private final String name;
    private final List<Consumer<MemoryPressure>> listeners = new CopyOnWriteArrayList<>();
    private volatile MemoryPressure current;
    private volatile String description;

    WatchedSource(String name, String description) {
        this.name = name;
        this.description = description;
        this.current = MemoryPressure.none(name, "not watched yet");
    }

    /** @return one daemon thread, named for thread dumps, that runs a source's scheduled reads */
    static ScheduledExecutorService daemonScheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Begins watching (the first listener arrived). */
    protected abstract void start();

    /** Ends watching (the last listener left, or the component stops). */
    protected abstract void stop();

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return description;
    }

    protected void describe(String how) {
        this.description = how;
    }

    @Override
    public MemoryPressure current() {
        return current;
    }

    @Override
    public synchronized Subscription watch(Consumer<MemoryPressure> listener) {
        listeners.add(listener);
        if (listeners.size() == 1) {
            start();
        }
        return () -> unwatch(listener);
    }

    private synchronized void unwatch(Consumer<MemoryPressure> listener) {
        if (listeners.remove(listener) && listeners.isEmpty()) {
            stop();
        }
    }

    /** Called by the component's deactivation: stop whatever happens. */
    synchronized void shutdown() {
        if (!listeners.isEmpty()) {
            listeners.clear();
            stop();
        }
    }

    protected void report(PressureLevel level, long bytesWanted, String detail) {
        MemoryPressure previous = current;
        MemoryPressure pressure = new MemoryPressure(level, name, bytesWanted, java.time.Instant.now(), detail);
        current = pressure;
        if (level != PressureLevel.NONE || previous.level() != PressureLevel.NONE) {
            listeners.forEach(listener -> listener.accept(pressure));
        }
    }
}
