package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.support.threads.Daemons;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns pressure reports into reclaims: keeps the sources, reclaimers, listeners and the history; when to reclaim
 * is {@link ReclaimScheduling}'s, how one reclaim runs is {@link ReclaimRun}'s. Reclaims run one at a time on the
 * {@link Scheduler}'s thread.
 */
final class Governor implements AutoCloseable {

    private static final int HISTORY = 32;
    /** Asked for when neither the source nor the resident size tells how much. */
    private static final long FALLBACK_BYTES = 64L << 20;
    /** Memory released outside a reclaim goes back to the OS after this long (a burst of reports is one return). */
    private static final long RELEASED_OUTSIDE_DELAY_MILLIS = 200;
    private static final System.Logger LOG = System.getLogger(Governor.class.getName());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Environment environment;
    private volatile Settings settings;
    private final Map<PressureSource, Subscription> sources = new ConcurrentHashMap<>();
    private final Map<String, MemoryPressure> latest = new ConcurrentHashMap<>();
    private final List<RegisteredReclaimer> reclaimers = new CopyOnWriteArrayList<>();
    private final List<MemoryListener> listeners = new CopyOnWriteArrayList<>();
    /** The latest failure of a listener told about a source's report, by source name. */
    private final Map<String, String> listenerFailures = new ConcurrentHashMap<>();
    private final Deque<ReclaimReport> history = new ArrayDeque<>();
    private final Scheduler scheduler;
    private final ExecutorService workers;
    private final ReclaimRun run;
    private final ReclaimScheduling scheduling;
    private final AtomicBoolean returnPending = new AtomicBoolean();

    Governor(Settings settings, Environment environment) {
        this(settings, environment, new ThreadScheduler("hwplatform-memory-governor"));
    }

    Governor(Settings settings, Environment environment, Scheduler scheduler) {
        this.settings = settings;
        this.environment = environment;
        this.scheduler = scheduler;
        this.workers = prestartedWorkers();
        this.run = new ReclaimRun(environment, workers);
        this.scheduling = new ReclaimScheduling(scheduler, () -> this.settings,
                (bytes, level, trigger) -> reclaim(bytes > 0 ? bytes : defaultBytes(level), level, trigger),
                this::relieve);
    }

    void configure(Settings newSettings) {
        this.settings = newSettings;
    }

    void addSource(PressureSource source) {
        sources.put(source, source.watch(this::onPressure));
    }

    void removeSource(PressureSource source) {
        Subscription subscription = sources.remove(source);
        if (subscription != null) {
            subscription.close();
        }
        latest.remove(source.name());
    }

    void addReclaimer(RegisteredReclaimer reclaimer) {
        reclaimers.add(reclaimer);
    }

    void removeReclaimer(Object reclaimer) {
        reclaimers.removeIf(registered -> registered.reclaimer == reclaimer);
    }

    Subscription watch(MemoryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** @return what every bound source says now, by name */
    List<MemoryPressure> pressures() {
        return sources.keySet().stream().map(source -> latest.getOrDefault(source.name(), source.current()))
                .sorted(Comparator.comparing(MemoryPressure::source)).toList();
    }

    PressureLevel level() {
        PressureLevel level = PressureLevel.NONE;
        for (MemoryPressure pressure : latest.values()) {
            if (pressure.level().compareTo(level) > 0) {
                level = pressure.level();
            }
        }
        return level;
    }

    List<RegisteredReclaimer> reclaimersInAskingOrder() {
        List<RegisteredReclaimer> ordered = new ArrayList<>(reclaimers);
        ordered.sort(RegisteredReclaimer.ASKING_ORDER);
        return ordered;
    }

    synchronized List<ReclaimReport> history() {
        return List.copyOf(history);
    }

    synchronized ReclaimReport lastReclaim() {
        return history.peekLast();
    }

    /**
     * A source reported: remember it, tell listeners, and ask for a reclaim when there is pressure. A listener that
     * throws is reported and skipped; the others, the reclaim and the source's thread go on.
     */
    void onPressure(MemoryPressure pressure) {
        latest.put(pressure.source(), pressure);
        if (pressure.level() != PressureLevel.NONE) { // the reclaim first: a listener may be slow to print
            scheduling.request(pressure.level(), pressure.bytesWanted(), pressure.source());
        } else if (level() == PressureLevel.NONE) {
            scheduling.pressureGone();
        }
        for (MemoryListener listener : listeners) {
            try {
                listener.pressure(pressure);
            } catch (RuntimeException | Error e) {
                listenerFailed(pressure.source(), listener, e);
            }
        }
    }

    /**
     * Runs the reaction once while there is no pressure, on the governor thread: a reclaimer that releases nothing,
     * the trims, no collection; nothing recorded, nobody told. Over a cgroup's {@code memory.high} the kernel makes a
     * thread sleep for every page it faults in, and what runs for the first time faults in many (classes loaded and
     * linked, call sites bound, native functions looked up); the first real reclaim must find it all done. Called
     * again when what the trims call comes.
     */
    void prime() {
        RegisteredReclaimer nothing = new RegisteredReclaimer((bytes, level) -> 0, "warm-up", 0, 0);
        scheduler.execute(() -> run.run(List.of(nothing), 1, PressureLevel.CRITICAL, "warm-up",
                settings.withoutCollection()));
    }

    /** Reclaims now, ignoring the cooldown, on the governor thread; waits for the report. */
    ReclaimReport reclaimNow(long bytes, PressureLevel level, String trigger) {
        try {
            return scheduler.call(() -> reclaim(bytes, level, trigger));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reclaiming", e);
        } catch (Exception e) {
            throw new IllegalStateException("reclaim failed: " + e, e);
        }
    }

    /** Memory released outside a reclaim: return it to the OS soon, once for a burst of calls. */
    void releasedOutsideReclaim() {
        if (returnPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                returnPending.set(false);
                run.returnToOs(PressureLevel.MODERATE, settings);
            }, RELEASED_OUTSIDE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        sources.values().forEach(Subscription::close);
        sources.clear();
        scheduler.close();
        workers.shutdownNow();
    }

    /** On the governor thread: one reclaim, recorded and told to the listeners. */
    private ReclaimReport reclaim(long bytes, PressureLevel level, String trigger) {
        ReclaimReport report = run.run(reclaimersInAskingOrder(), bytes, level, trigger, settings);
        synchronized (this) {
            history.addLast(report);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        scheduling.reclaimed(level);
        for (MemoryListener listener : listeners) {
            try {
                listener.reclaimed(report);
            } catch (RuntimeException | Error e) {
                listenerFailed(trigger, listener, e);
            }
        }
        return report;
    }

    /** How much to ask for when the source does not say: a share of what this process holds. */
    private long defaultBytes(PressureLevel level) {
        return environment.residentBytes().stream()
                .map(resident -> (long) (resident * settings.fraction(level)))
                .findFirst().orElse(FALLBACK_BYTES);
    }

    /** Pressure stayed away: caches may grow back. */
    private void relieve() {
        if (level() != PressureLevel.NONE) {
            return;
        }
        for (RegisteredReclaimer registered : reclaimersInAskingOrder()) {
            workers.execute(() -> {
                try {
                    registered.reclaimer.relieved();
                } catch (RuntimeException | Error ignored) {
                    // a reclaimer that cannot grow back stays small; nothing to do about it here
                }
            });
        }
    }

    /** Logged once per source and listener; the latest is shown with the source in {@code mem:sources}. */
    private void listenerFailed(String source, MemoryListener listener, Throwable failure) {
        String said = "listener " + listener.getClass().getName() + " failed: " + failure;
        String previous = listenerFailures.put(source, CLOCK.format(Instant.now()) + " " + said);
        if (previous == null || !previous.endsWith(said)) {
            LOG.log(System.Logger.Level.WARNING, "memory pressure from " + source + ": " + said
                    + "; the other listeners and the reclaim go on", failure);
        }
    }

    /** @return the governor's view as {@link MemoryGovernor.SourceInfo}s */
    List<MemoryGovernor.SourceInfo> sourceInfos() {
        List<MemoryGovernor.SourceInfo> infos = new ArrayList<>();
        for (PressureSource source : sources.keySet()) {
            MemoryPressure current = latest.getOrDefault(source.name(), source.current());
            String failure = listenerFailures.get(source.name());
            String description = failure == null ? source.describe() : source.describe() + "; last failure " + failure;
            infos.add(new MemoryGovernor.SourceInfo(source.name(), source.isAvailable(), description, current));
        }
        infos.sort(Comparator.comparing(MemoryGovernor.SourceInfo::name));
        return infos;
    }

    /**
     * Reclaimer threads started before they are needed: a thread started under a cgroup's limit waits for the
     * kernel's throttle while its stack is faulted in. Two wait; more are made when reclaimers hang past their budget.
     */
    private static ExecutorService prestartedWorkers() {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(2, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), Daemons.numbered("hwplatform-memory-reclaimer"));
        workers.prestartAllCoreThreads();
        return workers;
    }
}
