package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationStep;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A pool's own counters. Thread caches count their allocations with plain writes; what is here is what they folded in
 * when they were drained, plus what no single thread owns.
 */
final class Counters {

    final AtomicLong chunks = new AtomicLong();
    final AtomicLong chunkBytes = new AtomicLong();
    final AtomicLong leaked = new AtomicLong();
    final AtomicLong trimmedBytes = new AtomicLong();
    /** Quarantine: bytes of closed buffers whose views may still be reachable. */
    final AtomicLong quarantinedBytes = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLongArray steps = new AtomicLongArray(AllocationStep.values().length);
    private final AtomicLong failures = new AtomicLong();

    /** Takes over the counts of a cache that is being drained (its owner died, or its pool is done). */
    void fold(ThreadCache cache) {
        allocations.addAndGet(cache.allocations());
        for (AllocationStep step : AllocationStep.values()) {
            steps.addAndGet(step.ordinal(), cache.steps(step));
        }
        failures.addAndGet(cache.failures);
    }

    /** Takes over the totals of a pool that is forgotten, and of the caches it still lists. */
    void add(Counters pool, Iterable<ThreadCache> live) {
        allocations.addAndGet(pool.allocations(live));
        for (AllocationStep step : AllocationStep.values()) {
            steps.addAndGet(step.ordinal(), pool.steps(step, live));
        }
        failures.addAndGet(pool.failures(live));
        leaked.addAndGet(pool.leaked.get());
        trimmedBytes.addAndGet(pool.trimmedBytes.get());
    }

    long allocations(Iterable<ThreadCache> live) {
        long sum = allocations.get();
        for (ThreadCache cache : live) {
            sum += cache.allocations();
        }
        return sum;
    }

    long steps(AllocationStep step, Iterable<ThreadCache> live) {
        long sum = steps.get(step.ordinal());
        for (ThreadCache cache : live) {
            sum += cache.steps(step);
        }
        return sum;
    }

    long failures(Iterable<ThreadCache> live) {
        long sum = failures.get();
        for (ThreadCache cache : live) {
            sum += cache.failures;
        }
        return sum;
    }

    void chunkAdded(long bytes) {
        chunks.incrementAndGet();
        chunkBytes.addAndGet(bytes);
    }

    void chunkGone(long bytes) {
        chunks.decrementAndGet();
        chunkBytes.addAndGet(-bytes);
    }
}
