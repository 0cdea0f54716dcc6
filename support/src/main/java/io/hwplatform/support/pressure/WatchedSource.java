package io.hwplatform.support.pressure;

import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.PressureSource;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What every source shares: listeners, the last report, and watching only while someone listens. A report reaches
 * the listeners when the level changes, and again at every reading while there is pressure, so that the governor
 * can reclaim again after its cooldown if pressure persists.
 */
public abstract class WatchedSource implements PressureSource {

    private static final System.Logger LOG = System.getLogger(WatchedSource.class.getName());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String name;
    private final List<Consumer<MemoryPressure>> listeners = new CopyOnWriteArrayList<>();
    private volatile MemoryPressure current;
    private volatile String description;
    /** The last failure of code this source's thread called, with when and how often; null when none. */
    private volatile String problem;
    private String lastFailure;
    private int failures;

    protected WatchedSource(String name, String description) {
        this.name = name;
        this.description = description;
        this.current = MemoryPressure.none(name, "not watched yet");
    }

    /**
     * @return the task, made to survive whatever it throws: a scheduled task that throws is never run again, which
     *     would end watching in silence
     */
    protected Runnable surviving(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failed(what, e);
            }
        };
    }

    /** Notes a failure of code this source called: logged the first time it happens, shown by {@link #describe()}. */
    protected synchronized void failed(String what, Throwable failure) {
        String said = what + ": " + failure;
        failures = said.equals(lastFailure) ? failures + 1 : 1;
        if (failures == 1) {
            LOG.log(System.Logger.Level.WARNING, "pressure source " + name + " keeps watching after " + said, failure);
        }
        lastFailure = said;
        problem = "last failure " + CLOCK.format(Instant.now()) + ": " + said + (failures > 1 ? " (" + failures
                + " times in a row)" : "");
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
        String lastProblem = problem;
        return lastProblem == null ? description : description + "; " + lastProblem;
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
    protected synchronized void shutdown() {
        if (!listeners.isEmpty()) {
            listeners.clear();
            stop();
        }
    }

    protected void report(PressureLevel level, long bytesWanted, String detail) {
        MemoryPressure previous = current;
        MemoryPressure pressure = new MemoryPressure(level, name, bytesWanted, Instant.now(), detail);
        current = pressure;
        if (level != PressureLevel.NONE || previous.level() != PressureLevel.NONE) {
            for (Consumer<MemoryPressure> listener : listeners) {
                try {
                    listener.accept(pressure);
                } catch (RuntimeException | Error e) { // one listener's failure must not silence the source
                    failed("a listener failed", e);
                }
            }
        }
    }
}
