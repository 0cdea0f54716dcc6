package io.hwplatform.api.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One reclaim: what was asked, who released what, and what reached the operating system.
 *
 * @param time when the reclaim started
 * @param level the pressure level it answered
 * @param trigger what caused it, e.g. {@code balloon}, {@code psi}, {@code mem:reclaim}
 * @param bytesWanted bytes asked for
 * @param bytesReleased bytes the reclaimers said they released
 * @param results each reclaimer's part, in the order asked
 * @param returnedBytes bytes the return-to-OS steps said they returned (NUMA pool trim, native heap trim)
 * @param residentBefore the process's resident memory before, or -1 when unknown
 * @param residentAfter after returning memory to the OS, or -1 when unknown
 * @param millis how long the whole reclaim took
 */
public record ReclaimReport(Instant time, PressureLevel level, String trigger, long bytesWanted, long bytesReleased,
        List<ReclaimerResult> results, long returnedBytes, long residentBefore, long residentAfter, long millis) {

    /** @throws NullPointerException when a component is null */
    public ReclaimReport {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(trigger, "trigger");
        results = List.copyOf(results);
    }
}
