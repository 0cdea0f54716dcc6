package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.PressureSource;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.ReclaimerResult;
import io.hwplatform.api.memory.Subscription;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns pressure reports into reclaims. One governor thread decides and runs reclaims one at a time; each reclaimer is
 * called on a worker thread within its time budget, so that one that throws or hangs cannot stop the others. Reports
 * arriving during a reclaim or its cooldown are folded into one pending request: no storm of reclaims.
 */
final class Governor implements AutoCloseable {

    private static final int HISTORY = 32;
    /** Asked for when neither the source nor the resident size tells how much. */
    private static final long FALLBACK_BYTES = 64L << 20;

    private final Environment environment;
    private volatile Settings settings;
    private final Map<PressureSource, Subscription> sources = new ConcurrentHashMap<>();
    private final Map<String, MemoryPressure> latest = new ConcurrentHashMap<>();
    private final List<RegisteredReclaimer> reclaimers = new CopyOnWriteArrayList<>();
    private final List<MemoryListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<ReclaimReport> history = new ArrayDeque<>();
    private final ScheduledExecutorService governor;
    private final ExecutorService workers;

    // Guarded by this: the request waiting for the governor thread, and the last reclaim.
    private PressureLevel pendingLevel = PressureLevel.NONE;
    private long pendingBytes;
    private String pendingTrigger;
    private boolean scheduled;
    private long lastReclaimNanos;
    private PressureLevel lastLevel = PressureLevel.NONE;
    private ScheduledFuture<?> relief;

    Governor(Settings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
        this.governor = Executors.newSingleThreadScheduledExecutor(daemons("hwplatform-memory-governor"));
        this.workers = Executors.newCachedThreadPool(daemons("hwplatform-memory-reclaimer"));
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
                .sorted(java.util.Comparator.comparing(MemoryPressure::source)).toList();
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

    /** A source reported: remember it, tell listeners, and ask for a reclaim when there is pressure. */
    void onPressure(MemoryPressure pressure) {
        latest.put(pressure.source(), pressure);
        listeners.forEach(listener -> listener.pressure(pressure));
        if (pressure.level() == PressureLevel.NONE) {
            if (level() == PressureLevel.NONE) {
                scheduleRelief();
            }
            return;
        }
        request(pressure.level(), pressure.bytesWanted(), pressure.source());
    }

    /** Reclaims now, ignoring the cooldown, on the governor thread; waits for the report. */
    ReclaimReport reclaimNow(long bytes, PressureLevel level, String trigger) {
        try {
            return governor.submit(() -> reclaim(bytes, level, trigger)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reclaiming", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reclaim failed: " + e.getCause(), e.getCause());
        }
    }

    /** Memory a balloon handler released outside a reclaim: return it to the OS soon. */
    void releasedOutsideReclaim() {
        governor.schedule(() -> returnToOs(PressureLevel.MODERATE), 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        sources.values().forEach(Subscription::close);
        sources.clear();
        governor.shutdownNow();
        workers.shutdownNow();
    }

    private synchronized void request(PressureLevel level, long bytes, String trigger) {
        if (level.compareTo(pendingLevel) >= 0) {
            pendingTrigger = trigger;
        }
        pendingLevel = pendingLevel.compareTo(level) >= 0 ? pendingLevel : level;
        pendingBytes = Math.max(pendingBytes, bytes);
        cancelRelief();
        if (!scheduled) {
            scheduled = true;
            governor.execute(this::reclaimPending);
        }
    }

    /** On the governor thread: reclaim what is pending, or wait out the cooldown first. */
    private void reclaimPending() {
        PressureLevel level;
        long bytes;
        String trigger;
        synchronized (this) {
            long wait = lastReclaimNanos == 0 || pendingLevel.compareTo(lastLevel) > 0 ? 0
                    : TimeUnit.MILLISECONDS.toNanos(settings.cooldown(pendingLevel)) - (System.nanoTime() - lastReclaimNanos);
            if (wait > 0) {
                governor.schedule(this::reclaimPending, wait, TimeUnit.NANOSECONDS);
                return;
            }
            level = pendingLevel;
            bytes = pendingBytes;
            trigger = pendingTrigger;
            pendingLevel = PressureLevel.NONE;
            pendingBytes = 0;
            scheduled = false;
        }
        if (level != PressureLevel.NONE) {
            reclaim(bytes > 0 ? bytes : defaultBytes(level), level, trigger);
        }
    }

    /** How much to ask for when the source does not say: a share of what this process holds. */
    private long defaultBytes(PressureLevel level) {
        return environment.residentBytes().stream()
                .map(resident -> (long) (resident * settings.fraction(level)))
                .findFirst().orElse(FALLBACK_BYTES);
    }

    private ReclaimReport reclaim(long bytes, PressureLevel level, String trigger) {
        long start = System.nanoTime();
        long residentBefore = environment.residentBytes().orElse(-1);
        List<ReclaimerResult> results = new ArrayList<>();
        long released = 0;
        for (RegisteredReclaimer registered : reclaimersInAskingOrder()) {
            if (released >= bytes) {
                break;
            }
            ReclaimerResult result = ask(registered, bytes - released, level);
            registered.last = result;
            results.add(result);
            released += result.releasedBytes();
        }
        long returned = returnToOs(level);
        long residentAfter = environment.residentBytes().orElse(-1);
        ReclaimReport report = new ReclaimReport(Instant.now(), level, trigger, bytes, released, results, returned,
                residentBefore, residentAfter, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        synchronized (this) {
            history.addLast(report);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            lastReclaimNanos = System.nanoTime();
            lastLevel = level;
        }
        listeners.forEach(listener -> listener.reclaimed(report));
        return report;
    }

    /** One reclaimer, on a worker thread, within the time budget; whatever it does, the governor goes on. */
    private ReclaimerResult ask(RegisteredReclaimer registered, long bytes, PressureLevel level) {
        if (!registered.busy.compareAndSet(false, true)) {
            return new ReclaimerResult(registered.name, registered.ranking, 0, 0, "skipped: still busy");
        }
        long start = System.nanoTime();
        long budget = settings.reclaimerTimeoutMillis();
        Future<Long> call;
        try {
            call = workers.submit(() -> {
                try {
                    return registered.reclaimer.reclaim(bytes, level);
                } finally {
                    registered.busy.set(false);
                }
            });
        } catch (RuntimeException rejected) { // shutting down
            registered.busy.set(false);
            return new ReclaimerResult(registered.name, registered.ranking, 0, 0, "failed: " + rejected);
        }
        try {
            long released = Math.max(0, call.get(budget, TimeUnit.MILLISECONDS));
            return new ReclaimerResult(registered.name, registered.ranking, released, millisSince(start), "ok");
        } catch (TimeoutException e) {
            return new ReclaimerResult(registered.name, registered.ranking, 0, budget, "timed out");
        } catch (ExecutionException e) {
            return new ReclaimerResult(registered.name, registered.ranking, 0, millisSince(start),
                    "failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReclaimerResult(registered.name, registered.ranking, 0, millisSince(start), "interrupted");
        }
    }

    /** Makes released memory reach the OS: the NUMA pool's free chunks, the native heap, and the Java heap. */
    private long returnToOs(PressureLevel level) {
        Settings current = settings;
        long returned = 0;
        if (current.trimNuma()) {
            returned += Math.max(0, environment.trimNumaPool());
        }
        if (current.trimNative()) {
            returned += Math.max(0, environment.trimNativeHeap());
        }
        if (current.collectGarbage(level)) {
            environment.collectGarbage();
        }
        return returned;
    }

    private synchronized void scheduleRelief() {
        if (relief == null || relief.isDone()) {
            relief = governor.schedule(this::relieve, settings.reliefMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void cancelRelief() {
        if (relief != null) {
            relief.cancel(false);
            relief = null;
        }
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
                } catch (RuntimeException ignored) {
                    // a reclaimer that cannot grow back stays small; nothing to do about it here
                }
            });
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** @return the governor's view as {@link MemoryGovernor.SourceInfo}s */
    List<MemoryGovernor.SourceInfo> sourceInfos() {
        List<MemoryGovernor.SourceInfo> infos = new ArrayList<>();
        for (PressureSource source : sources.keySet()) {
            MemoryPressure current = latest.getOrDefault(source.name(), source.current());
            infos.add(new MemoryGovernor.SourceInfo(source.name(), source.isAvailable(), source.describe(), current));
        }
        infos.sort(java.util.Comparator.comparing(MemoryGovernor.SourceInfo::name));
        return infos;
    }
}
