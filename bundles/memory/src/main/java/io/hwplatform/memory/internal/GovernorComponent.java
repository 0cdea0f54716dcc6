package io.hwplatform.memory.internal;

import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryReclaimer;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.BalloonGauge;
import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.api.memory.spi.ProcessMemory;
import io.hwplatform.api.numa.NumaAllocator;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The memory governor service: binds every pressure source and reclaimer as they come and go, and the NUMA pool and
 * the OS bundle's process memory that a reclaim returns memory through. The balloon driver is
 * {@link BalloonDriverComponent}; the capabilities are {@link MemoryCapabilityPublisher}'s.
 */
@Component(immediate = true, service = MemoryGovernor.class,
        configurationPid = "io.hwplatform.memory")
@Designate(ocd = GovernorConfig.class)
public final class GovernorComponent implements MemoryGovernor {

    private final JvmEnvironment environment = new JvmEnvironment();
    private final Governor governor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BalloonGauge gauge;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HypervisorDetector hypervisor;

    @Activate
    public GovernorComponent(GovernorConfig config) {
        this.governor = new Governor(Settings.of(config), environment);
        governor.prime();
    }

    @Modified
    void modified(GovernorConfig config) {
        governor.configure(Settings.of(config));
    }

    @Deactivate
    void deactivate() {
        governor.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(PressureSource source) {
        governor.addSource(source);
    }

    void removeSource(PressureSource source) {
        governor.removeSource(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReclaimer(MemoryReclaimer reclaimer, Map<String, Object> properties) {
        governor.addReclaimer(new RegisteredReclaimer(reclaimer, name(reclaimer, properties),
                ranking(properties), ((Number) properties.getOrDefault(Constants.SERVICE_ID, 0L)).longValue()));
    }

    void removeReclaimer(MemoryReclaimer reclaimer) {
        governor.removeReclaimer(reclaimer);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setProcess(ProcessMemory process) {
        environment.process = process;
        governor.prime();
    }

    void unsetProcess(ProcessMemory process) {
        if (environment.process == process) {
            environment.process = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setNuma(NumaAllocator numa) {
        environment.numa = numa;
        governor.prime();
    }

    void unsetNuma(NumaAllocator numa) {
        if (environment.numa == numa) {
            environment.numa = null;
        }
    }

    // MemoryGovernor

    @Override
    public MemoryStatus status() {
        BalloonGauge currentGauge = gauge;
        HypervisorDetector detector = hypervisor;
        return new MemoryStatus(governor.level(), governor.pressures(),
                BalloonState.kind(detector, currentGauge).orElse(null), BalloonState.bound(detector),
                BalloonState.size(currentGauge).orElse(-1), BalloonState.target(currentGauge).orElse(-1),
                environment.residentBytes().orElse(-1),
                governor.lastReclaim(),
                governor.reclaimersInAskingOrder().stream().map(RegisteredReclaimer::lastResult).toList());
    }

    @Override
    public PressureLevel level() {
        return governor.level();
    }

    @Override
    public List<SourceInfo> sources() {
        return governor.sourceInfos();
    }

    @Override
    public ReclaimReport reclaim(long bytes, PressureLevel level) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        return governor.reclaimNow(bytes, level, "mem:reclaim");
    }

    @Override
    public void returnReleasedMemory() {
        governor.releasedOutsideReclaim();
    }

    @Override
    public List<ReclaimReport> history() {
        return governor.history();
    }

    @Override
    public Subscription watch(MemoryListener listener) {
        return governor.watch(listener);
    }

    private static String name(MemoryReclaimer reclaimer, Map<String, Object> properties) {
        Object name = properties.get(MemoryReclaimer.NAME);
        return name != null ? name.toString() : reclaimer.getClass().getName();
    }

    private static int ranking(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return ranking instanceof Integer value ? value : 0;
    }
}
