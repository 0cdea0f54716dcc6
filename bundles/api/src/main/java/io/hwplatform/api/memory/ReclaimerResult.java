package io.hwplatform.api.memory;

import java.util.Objects;

/**
 * What one reclaimer did in one reclaim.
 *
 * @param name the reclaimer's name
 * @param ranking its {@code service.ranking}
 * @param releasedBytes what it said it released
 * @param millis how long it took (the budget, when it timed out)
 * @param outcome {@code ok}, {@code timed out}, {@code skipped: still busy} or {@code failed: <exception>}
 */
public record ReclaimerResult(String name, int ranking, long releasedBytes, long millis, String outcome) {

    /** @throws NullPointerException when name or outcome is null */
    public ReclaimerResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
    }
}
