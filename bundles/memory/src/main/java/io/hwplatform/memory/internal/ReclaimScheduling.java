package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.PressureLevel;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * When reclaims happen: reports arriving during a reclaim or its cooldown are folded into one pending request (the
 * highest level, the most bytes), so that a storm of reports is a few reclaims; a higher level does not wait for the
 * cooldown of a lower one; when pressure has been gone long enough, relief is due. All on the {@link Scheduler}'s
 * thread and clock.
 */
final class ReclaimScheduling {

    /** Runs one reclaim on the governor's thread. */
    interface Reclaim {
        void run(long bytes, PressureLevel level, String trigger);
    }

    private final Scheduler scheduler;
    private final Supplier<Settings> settings;
    private final Reclaim reclaim;
    private final Runnable relieve;
    /** Made once, here: a method reference is linked where it is first evaluated, and that must not be under pressure. */
    private final Runnable reclaimPending = this::reclaimPending;

    // Guarded by this: the request waiting for the governor thread, and the last reclaim.
    private PressureLevel pendingLevel = PressureLevel.NONE;
    private long pendingBytes;
    private String pendingTrigger;
    private boolean scheduled;
    private long lastReclaimNanos;
    private boolean reclaimedBefore;
    private PressureLevel lastLevel = PressureLevel.NONE;
    private Scheduler.Cancellable relief;

    ReclaimScheduling(Scheduler scheduler, Supplier<Settings> settings, Reclaim reclaim, Runnable relieve) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.reclaim = reclaim;
        this.relieve = relieve;
    }

    /** Pressure: a reclaim of at least this much, at least at this level, as soon as the cooldown allows. */
    synchronized void request(PressureLevel level, long bytes, String trigger) {
        if (level.compareTo(pendingLevel) >= 0) {
            pendingTrigger = trigger;
        }
        pendingLevel = pendingLevel.compareTo(level) >= 0 ? pendingLevel : level;
        pendingBytes = Math.max(pendingBytes, bytes);
        cancelRelief();
        if (!scheduled) {
            scheduled = true;
            scheduler.execute(reclaimPending);
        }
    }

    /** A reclaim ran (requested or not): the cooldown counts from now. */
    synchronized void reclaimed(PressureLevel level) {
        lastReclaimNanos = scheduler.nanoTime();
        reclaimedBefore = true;
        lastLevel = level;
    }

    /** No source reports pressure any more: relief is due after the relief delay, unless pressure comes back. */
    synchronized void pressureGone() {
        if (relief == null || relief.isDone()) {
            relief = scheduler.schedule(relieve, settings.get().reliefMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** On the governor thread: reclaim what is pending, or wait out the cooldown first. */
    private void reclaimPending() {
        PressureLevel level;
        long bytes;
        String trigger;
        synchronized (this) {
            long wait = !reclaimedBefore || pendingLevel.compareTo(lastLevel) > 0 ? 0
                    : TimeUnit.MILLISECONDS.toNanos(settings.get().cooldown(pendingLevel))
                            - (scheduler.nanoTime() - lastReclaimNanos);
            if (wait > 0) {
                scheduler.schedule(reclaimPending, wait, TimeUnit.NANOSECONDS);
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
            reclaim.run(bytes, level, trigger);
        }
    }

    private void cancelRelief() {
        if (relief != null) {
            relief.cancel();
            relief = null;
        }
    }
}
