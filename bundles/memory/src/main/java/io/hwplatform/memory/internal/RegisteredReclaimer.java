package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.MemoryReclaimer;
import io.hwplatform.api.memory.ReclaimerResult;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A reclaimer with what the whiteboard says of it, and whether a call of it is still running. */
final class RegisteredReclaimer {

    /** Highest ranking first; among equals the older service (lower id) first, as the OSGi ordering has it. */
    static final Comparator<RegisteredReclaimer> ASKING_ORDER = Comparator
            .comparingInt((RegisteredReclaimer registered) -> registered.ranking).reversed()
            .thenComparingLong(registered -> registered.serviceId);

    final MemoryReclaimer reclaimer;
    final String name;
    final int ranking;
    final long serviceId;
    final AtomicBoolean busy = new AtomicBoolean();
    /** Bytes released by a call that finished after its budget, not yet counted by a reclaim. */
    final AtomicLong releasedLate = new AtomicLong();
    volatile ReclaimerResult last;

    RegisteredReclaimer(MemoryReclaimer reclaimer, String name, int ranking, long serviceId) {
        this.reclaimer = reclaimer;
        this.name = name;
        this.ranking = ranking;
        this.serviceId = serviceId;
    }

    /** @return the last result, or an empty one before the first call */
    ReclaimerResult lastResult() {
        ReclaimerResult result = last;
        return result != null ? result : new ReclaimerResult(name, ranking, 0, 0, "not asked yet");
    }
}
