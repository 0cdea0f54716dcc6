package io.hwplatform.hypervisor.internal;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import io.hwplatform.api.hypervisor.spi.LiveHostSignals;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.probe.LinuxHostSignals;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The detector service. Binds every probe as it comes and goes, detects again on each change once active, and keeps
 * the capabilities in step with the verdict. A detection takes a few milliseconds, so it runs on the caller's thread.
 */
@Component(immediate = true)
public final class HypervisorDetectorComponent implements HypervisorDetector {

    private final HostRoot root;
    private final VerdictCapabilities capabilities;
    private final List<HypervisorProbe> probes = new CopyOnWriteArrayList<>();
    /** The live machine's signals where they are not files (Windows); null on Linux. */
    private volatile LiveHostSignals liveSignals;
    /** The verdict for the current set of probes; {@code null} until the first detection. */
    private volatile HypervisorInfo current;
    /** Set once DS has bound the probes present at activation, so that they cost one detection, not one each. */
    private volatile boolean active;

    @Activate
    public HypervisorDetectorComponent(BundleContext context, @Reference CapabilityRegistry registry) {
        this.root = HostRoot.of(context.getProperty(HostRoot.PROPERTY));
        this.capabilities = new VerdictCapabilities(registry);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProbe(HypervisorProbe probe) {
        probes.add(probe);
        if (active) {
            detect();
        }
    }

    void removeProbe(HypervisorProbe probe) {
        probes.remove(probe);
        if (active) {
            detect();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLiveSignals(LiveHostSignals signals) {
        liveSignals = signals;
        if (active) {
            detect();
        }
    }

    void unsetLiveSignals(LiveHostSignals signals) {
        if (liveSignals == signals) {
            liveSignals = null;
            if (active) {
                detect();
            }
        }
    }

    /** Runs after the constructor and the binding of every probe present: the first detection. */
    @Activate
    void activate() {
        active = true;
        detect();
    }

    @Deactivate
    void deactivate() {
        active = false;
        capabilities.close();
    }

    @Override
    public HypervisorInfo info() {
        HypervisorInfo info = current;
        return info != null ? info : detect();
    }

    @Override
    public synchronized HypervisorInfo detect() {
        HypervisorInfo info = Detection.run(signalsFor(root, liveSignals), Detection.ordered(probes), root.toString());
        current = info;
        capabilities.publish(info);
        return info;
    }

    /** A captured tree is always read as Linux files; only the live machine may have signals of another kind. */
    static HostSignals signalsFor(HostRoot root, LiveHostSignals live) {
        return live != null && root.isLive() ? live.open() : new LinuxHostSignals(root);
    }
}
