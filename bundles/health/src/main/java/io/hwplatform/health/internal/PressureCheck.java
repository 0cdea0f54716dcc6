package io.hwplatform.health.internal;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Memory pressure as the governor sees it: WARN at MODERATE, CRITICAL at CRITICAL, with what each source read. */
@Component(property = {
    HealthCheck.NAME + "=hwplatform memory pressure",
    HealthCheck.TAGS + "=" + PressureCheck.TAG,
    HealthCheck.MBEAN_NAME + "=hwplatformMemoryPressure"})
public final class PressureCheck implements HealthCheck {

    /** The tag of every hwplatform check: {@code hc:exec hwplatform}. */
    static final String TAG = "hwplatform";

    private final MemoryGovernor governor;

    @Activate
    public PressureCheck(@Reference MemoryGovernor governor) {
        this.governor = governor;
    }

    @Override
    public Result execute() {
        return evaluate(governor.status());
    }

    static Result evaluate(MemoryStatus status) {
        FormattingResultLog log = new FormattingResultLog();
        for (MemoryPressure source : status.sources()) {
            String line = "{}: {} ({})";
            switch (source.level()) {
                case CRITICAL -> log.critical(line, source.source(), source.level().id(), source.detail());
                case MODERATE -> log.warn(line, source.source(), source.level().id(), source.detail());
                case NONE -> log.info(line, source.source(), source.level().id(), source.detail());
            }
        }
        if (status.sources().isEmpty()) {
            log.info("no pressure source reports here");
        }
        if (status.level() != PressureLevel.NONE && status.lastReclaim() != null) {
            log.info("last reclaim at {}: asked {}, released {}", status.lastReclaim().time(),
                    FormattingResultLog.bytesHumanReadable(status.lastReclaim().bytesWanted()),
                    FormattingResultLog.bytesHumanReadable(status.lastReclaim().bytesReleased()));
        }
        return new Result(log);
    }
}
