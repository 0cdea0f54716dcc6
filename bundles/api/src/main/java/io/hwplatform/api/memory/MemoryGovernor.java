package io.hwplatform.api.memory;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns memory pressure into "release N bytes now": asks the reclaimers, then returns the memory to the operating
 * system. Reclaims are serialised, time-boxed per reclaimer and spaced by a cooldown.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
@ProviderType
public interface MemoryGovernor {

    /** @return the current pressure, balloon, resident memory and last reclaim */
    MemoryStatus status();

    /**
     * @return the highest level any source reports now: what a cache asks before it grows (at MODERATE and above it
     *     should not, so that filling it into a limit settles under the limit instead of stalling there)
     */
    PressureLevel level();

    /** @return every pressure source bound, with what it says and whether it is available */
    List<SourceInfo> sources();

    /**
     * Reclaims now, whatever the pressure, ignoring the cooldown, and waits for the result.
     *
     * @param bytes bytes to ask for
     * @param level the level to tell reclaimers
     * @return what happened
     */
    ReclaimReport reclaim(long bytes, PressureLevel level);

    /**
     * Memory was released outside a reclaim (a cache dropped entries on its own, a balloon handler finished late):
     * return it to the operating system soon, as after a reclaim (the NUMA pool's free chunks, free native heap).
     * Returns at once; calls in quick succession are one return.
     */
    void returnReleasedMemory();

    /** @return the most recent reclaims, oldest first (a bounded history) */
    List<ReclaimReport> history();

    /** Adds a listener until the subscription is closed. */
    Subscription watch(MemoryListener listener);

    /**
     * A bound pressure source.
     *
     * @param name the source's name
     * @param available whether it can watch here
     * @param description how it watches, or why it cannot
     * @param current what it says now
     */
    record SourceInfo(String name, boolean available, String description, MemoryPressure current) {
    }
}
