package io.hwplatform.support.pressure;

import io.hwplatform.support.threads.Daemons;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A source that reads its files at a fixed period on a daemon thread of its own. */
public abstract class SamplingSource extends WatchedSource {

    private final long periodMillis;
    private ScheduledExecutorService sampler;

    protected SamplingSource(String name, String description, long periodMillis) {
        super(name, description);
        this.periodMillis = periodMillis;
    }

    /** Reads once and reports. Runs on the sampling thread; what it throws is reported and sampling goes on. */
    protected abstract void sample();

    @Override
    protected void start() {
        sampler = Daemons.scheduler("hwplatform-pressure-" + name());
        sampler.scheduleAtFixedRate(surviving("sampling failed", this::sample), 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
    }
}
