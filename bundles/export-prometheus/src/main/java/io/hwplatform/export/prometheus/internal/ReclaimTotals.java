package io.hwplatform.export.prometheus.internal;

import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.ReclaimReport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The governor's reclaims counted since this exporter started (the governor keeps only a bounded history), which is
 * what a Prometheus counter may do: a restart shows as a reset, which {@code rate()} handles.
 */
final class ReclaimTotals implements MemoryListener {

    final AtomicLong reclaims = new AtomicLong();
    final AtomicLong wantedBytes = new AtomicLong();
    final AtomicLong releasedBytes = new AtomicLong();
    final AtomicLong returnedBytes = new AtomicLong();
    final AtomicReference<ReclaimReport> last = new AtomicReference<>();

    @Override
    public void reclaimed(ReclaimReport report) {
        reclaims.incrementAndGet();
        wantedBytes.addAndGet(Math.max(0, report.bytesWanted()));
        releasedBytes.addAndGet(Math.max(0, report.bytesReleased()));
        returnedBytes.addAndGet(Math.max(0, report.returnedBytes()));
        last.set(report);
    }
}
