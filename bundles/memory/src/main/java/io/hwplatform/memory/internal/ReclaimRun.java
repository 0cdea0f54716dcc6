package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.ReclaimerResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One reclaim from start to end, on the calling thread: the reclaimers in asking order until enough is released,
 * each on a worker thread within its time budget so that one that throws or hangs cannot stop the others; then the
 * memory goes back to the operating system; resident memory is measured around it all. A reclaimer that finished
 * after its budget had run out released memory nobody counted: the next run counts it first.
 */
final class ReclaimRun {

    /** The outcome of a result that is what a reclaimer released after an earlier run's budget. */
    static final String LATE = "finished after the last budget";

    private final Environment environment;
    private final ExecutorService workers;

    ReclaimRun(Environment environment, ExecutorService workers) {
        this.environment = environment;
        this.workers = workers;
    }

    ReclaimReport run(List<RegisteredReclaimer> inAskingOrder, long bytes, PressureLevel level, String trigger,
            Settings settings) {
        long start = System.nanoTime();
        long residentBefore = environment.residentBytes().orElse(-1);
        List<ReclaimerResult> results = new ArrayList<>();
        long released = 0;
        for (RegisteredReclaimer registered : inAskingOrder) { // what came after the last run's budget counts first
            long late = registered.releasedLate.getAndSet(0);
            if (late > 0) {
                results.add(new ReclaimerResult(registered.name, registered.ranking, late, 0, LATE));
                released += late;
            }
        }
        for (RegisteredReclaimer registered : inAskingOrder) {
            if (released >= bytes) {
                break;
            }
            ReclaimerResult result = ask(registered, bytes - released, level, settings.reclaimerTimeoutMillis());
            registered.last = result;
            results.add(result);
            released += result.releasedBytes();
        }
        long returned = returnToOs(level, settings);
        long residentAfter = environment.residentBytes().orElse(-1);
        return new ReclaimReport(Instant.now(), level, trigger, bytes, released, results, returned, residentBefore,
                residentAfter, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Makes released memory reach the OS: the NUMA pool's free chunks, the native heap, and the Java heap. */
    long returnToOs(PressureLevel level, Settings settings) {
        long returned = 0;
        if (settings.trimNuma()) {
            returned += Math.max(0, environment.trimNumaPool());
        }
        if (settings.trimNative()) {
            returned += Math.max(0, environment.trimNativeHeap());
        }
        if (settings.collectGarbage(level)) {
            environment.collectGarbage();
        }
        return returned;
    }

    /** One reclaimer, on a worker thread, within the time budget; whatever it does, the run goes on. */
    private ReclaimerResult ask(RegisteredReclaimer registered, long bytes, PressureLevel level, long budgetMillis) {
        if (!registered.busy.compareAndSet(false, true)) {
            return new ReclaimerResult(registered.name, registered.ranking, 0, 0, "skipped: still busy");
        }
        long start = System.nanoTime();
        CompletableFuture<Long> call;
        try {
            call = CompletableFuture.supplyAsync(() -> {
                try {
                    return registered.reclaimer.reclaim(bytes, level);
                } finally {
                    registered.busy.set(false);
                }
            }, workers);
        } catch (RuntimeException rejected) { // shutting down
            registered.busy.set(false);
            return new ReclaimerResult(registered.name, registered.ranking, 0, 0, "failed: " + rejected);
        }
        try {
            long released = Math.max(0, call.get(budgetMillis, TimeUnit.MILLISECONDS));
            return new ReclaimerResult(registered.name, registered.ranking, released, millisSince(start), "ok");
        } catch (TimeoutException e) {
            // Abandoned, not forgotten: what it releases in the end is counted by the next run, which then asks less.
            call.thenAccept(late -> registered.releasedLate.addAndGet(Math.max(0, late)));
            return new ReclaimerResult(registered.name, registered.ranking, 0, budgetMillis, "timed out");
        } catch (ExecutionException e) {
            return new ReclaimerResult(registered.name, registered.ranking, 0, millisSince(start),
                    "failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReclaimerResult(registered.name, registered.ranking, 0, millisSince(start), "interrupted");
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
