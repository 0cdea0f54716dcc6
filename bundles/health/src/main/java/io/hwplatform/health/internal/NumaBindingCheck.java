package io.hwplatform.health.internal;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Whether node-bound memory works: WARN when the kernel turned binding off (EPERM under a seccomp profile, ENOSYS),
 * or when most allocations since the last run fell back to another node or to unbound memory. On a machine with one
 * memory node there is nothing to bind, which is fine.
 */
@Component(property = {
    HealthCheck.NAME + "=hwplatform NUMA binding",
    HealthCheck.TAGS + "=" + PressureCheck.TAG,
    HealthCheck.MBEAN_NAME + "=hwplatformNumaBinding"})
public final class NumaBindingCheck implements HealthCheck {

    /** Fewer allocations than this since the last run say nothing about a trend. */
    static final long SAMPLE = 100;

    private final NumaAllocator allocator;
    /** The step counters at the previous run: "keep falling back" is judged on what happened since. */
    private Map<AllocationStep, Long> previous = Map.of();

    @Activate
    public NumaBindingCheck(@Reference NumaAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public synchronized Result execute() {
        Map<AllocationStep, Long> now = allocator.stats().steps();
        Result result = evaluate(allocator.topology().isNuma(), allocator.bindingUnavailable(), previous, now);
        previous = now;
        return result;
    }

    static Result evaluate(boolean severalNodes, Optional<String> bindingUnavailable,
            Map<AllocationStep, Long> before, Map<AllocationStep, Long> now) {
        FormattingResultLog log = new FormattingResultLog();
        if (!severalNodes) {
            log.info("one memory node: buffers are plain off-heap memory, nothing to bind");
            return new Result(log);
        }
        if (bindingUnavailable.isPresent()) {
            log.warn("binding to nodes is turned off: {}", bindingUnavailable.get());
            return new Result(log);
        }
        Map<AllocationStep, Long> since = new EnumMap<>(AllocationStep.class);
        long total = 0;
        for (AllocationStep step : AllocationStep.values()) {
            long count = Math.max(0, now.getOrDefault(step, 0L) - before.getOrDefault(step, 0L));
            since.put(step, count);
            total += count;
        }
        long fellBack = since.get(AllocationStep.NEAREST) + since.get(AllocationStep.ANY);
        if (total >= SAMPLE && fellBack * 2 > total) {
            log.warn("{} of {} allocations since the last check fell back (nearest {}, unbound {}): the nodes asked "
                    + "for are full or refuse", fellBack, total, since.get(AllocationStep.NEAREST),
                    since.get(AllocationStep.ANY));
        } else {
            log.info("{} allocations since the last check, {} fell back", total, fellBack);
        }
        return new Result(log);
    }
}
