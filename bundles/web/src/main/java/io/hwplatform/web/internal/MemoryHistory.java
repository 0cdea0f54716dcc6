package io.hwplatform.web.internal;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.pressure.GovernorWatch;
import io.hwplatform.support.shell.Json;
import io.hwplatform.support.threads.Daemons;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The last ten minutes of memory, kept in the bundle so that the page's chart is full when it opens: a sample every two
 * seconds (pressure level per source, balloon size and target, resident size, pool bytes) and every reclaim as it is
 * reported. Active while the page's servlet is, i.e. while an HTTP server serves it.
 */
@Component(service = MemoryHistory.class)
public final class MemoryHistory implements MemoryListener {

    static final long INTERVAL_MILLIS = 2_000;
    static final int SAMPLES = 300;

    /** One sample; -1 where a value is unknown. */
    record Sample(long time, Map<String, Integer> levels, long balloonBytes, long balloonTargetBytes,
            long residentBytes, long poolInUseBytes, long poolMappedBytes) {

        static Sample of(long time, MemoryStatus status, PoolStats pool) {
            Map<String, Integer> levels = new LinkedHashMap<>();
            if (status != null) {
                for (MemoryPressure source : status.sources()) {
                    levels.put(source.source(), source.level().ordinal());
                }
            }
            return new Sample(time, levels,
                    status == null || !status.balloonBound() ? -1 : status.balloonBytes(),
                    status == null || !status.balloonBound() ? -1 : status.balloonTargetBytes(),
                    status == null ? -1 : status.residentBytes(),
                    pool == null ? -1 : pool.inUseBytes(), pool == null ? -1 : pool.chunkBytes());
        }

        Map<String, Object> json() {
            return Json.object("time", time, "levels", levels, "balloonBytes", balloonBytes,
                    "balloonTargetBytes", balloonTargetBytes, "residentBytes", residentBytes,
                    "poolInUseBytes", poolInUseBytes, "poolMappedBytes", poolMappedBytes);
        }
    }

    private final Ring<Sample> samples = new Ring<>(SAMPLES);
    private final Ring<ReclaimReport> reclaims = new Ring<>(100);
    private final ScheduledExecutorService thread = Daemons.scheduler("hwplatform-web-history");
    private final GovernorWatch watch = new GovernorWatch(this);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NumaAllocator allocator;

    @Activate
    public MemoryHistory() {
        thread.scheduleWithFixedDelay(this::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Reclaims are recorded as the governor reports them, not at the next sample. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGovernor(MemoryGovernor memory) {
        watch.bind(memory);
    }

    void unsetGovernor(MemoryGovernor memory) {
        watch.unbind(memory);
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        watch.close();
    }

    @Override
    public void reclaimed(ReclaimReport report) {
        reclaims.add(report);
        try {
            thread.execute(this::sample); // the chart shows the drop the reclaim made, not two seconds later
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile: nobody will look at the chart
        }
    }

    /** Never throws: the scheduler would stop calling a task that did. */
    void sample() {
        try {
            MemoryGovernor memory = watch.governor().orElse(null);
            NumaAllocator numa = allocator;
            samples.add(Sample.of(System.currentTimeMillis(), memory == null ? null : memory.status(),
                    numa == null ? null : numa.stats()));
        } catch (RuntimeException e) {
            System.getLogger(MemoryHistory.class.getName()).log(System.Logger.Level.WARNING,
                    "could not sample memory for the page: " + e);
        }
    }

    /** @return the JSON document of {@code /hwplatform/api/history} */
    Map<String, Object> json() {
        List<Map<String, Object>> sampled = samples.items().stream().map(Sample::json).toList();
        return Json.object("intervalMillis", INTERVAL_MILLIS, "samples", sampled,
                "reclaims", reclaims.items().stream().map(Documents::reclaim).toList());
    }
}
