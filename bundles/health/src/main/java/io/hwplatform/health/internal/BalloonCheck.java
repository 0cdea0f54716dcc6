package io.hwplatform.health.internal;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.ReclaimReport;
import java.time.Instant;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Whether the guest cooperates with its balloon: WARN when a bound balloon grew since the previous run and no reclaim
 * in that time released anything (the hypervisor takes memory and the JVM gives none back, so the guest will swap or
 * stall). The window is the time since the previous run, however often a load balancer or an operator asks; the first
 * run only takes the balloon's measure.
 */
@Component(property = {
    HealthCheck.NAME + "=hwplatform balloon",
    HealthCheck.TAGS + "=" + PressureCheck.TAG,
    HealthCheck.MBEAN_NAME + "=hwplatformBalloon"})
public final class BalloonCheck implements HealthCheck {

    /** Growth below one MiB is the balloon settling, not the hypervisor taking memory. */
    static final long GROWTH = 1 << 20;

    /** The balloon at one run. */
    record Sample(Instant time, long balloonBytes) {}

    private final MemoryGovernor governor;
    private Sample previous;

    @Activate
    public BalloonCheck(@Reference MemoryGovernor governor) {
        this.governor = governor;
    }

    @Override
    public synchronized Result execute() {
        MemoryStatus status = governor.status();
        Sample now = new Sample(Instant.now(), status.balloonBytes());
        Result result = evaluate(previous, now, status, governor.history());
        if (status.balloonBound() && status.balloonBytes() >= 0) {
            previous = now;
        }
        return result;
    }

    static Result evaluate(Sample previous, Sample now, MemoryStatus status, List<ReclaimReport> history) {
        FormattingResultLog log = new FormattingResultLog();
        if (!status.balloonBound()) {
            log.info("no balloon driver bound");
            return new Result(log);
        }
        if (now.balloonBytes() < 0) {
            log.info("the {} balloon's size cannot be read", kind(status));
            return new Result(log);
        }
        if (previous == null) {
            log.info("the {} balloon holds {}; watching from now", kind(status), bytes(now.balloonBytes()));
            return new Result(log);
        }
        long grown = now.balloonBytes() - previous.balloonBytes();
        long released = history.stream().filter(reclaim -> reclaim.time().isAfter(previous.time()))
                .mapToLong(reclaim -> Math.max(0, reclaim.bytesReleased()) + Math.max(0, reclaim.returnedBytes()))
                .sum();
        if (grown >= GROWTH && released == 0) {
            log.warn("the {} balloon grew by {} since {} and no reclaim released or returned anything", kind(status),
                    bytes(grown), previous.time());
        } else {
            log.info("the {} balloon holds {} ({} since {}); reclaims released or returned {}", kind(status),
                    bytes(now.balloonBytes()), (grown >= 0 ? "+" : "-") + bytes(Math.abs(grown)), previous.time(),
                    bytes(released));
        }
        return new Result(log);
    }

    private static String kind(MemoryStatus status) {
        return status.balloonKind() == null ? "" : status.balloonKind().id();
    }

    private static String bytes(long bytes) {
        return FormattingResultLog.bytesHumanReadable(bytes);
    }
}
