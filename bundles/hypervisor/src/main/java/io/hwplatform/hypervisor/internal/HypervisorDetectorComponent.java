package io.hwplatform.hypervisor.internal;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.probe.LinuxHostSignals;
import io.hwplatform.support.probe.RecordingHostSignals;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The detector service. Binds every probe as it comes and goes, detects again on each change once active, and keeps
 * the capabilities in step with the verdict. A detection takes a few milliseconds, so it runs on the caller's thread.
 */
@Component(immediate = true)
public final class HypervisorDetectorComponent implements HypervisorDetector {

    private final HostRoot root;
    private final Supplier<RecordingHostSignals> signals;
    private final VerdictCapabilities capabilities;
    private final List<HypervisorProbe> probes = new CopyOnWriteArrayList<>();
    /** The verdict for the current set of probes; {@code null} until the first detection. */
    private volatile HypervisorInfo current;
    /** Set once DS has bound the probes present at activation, so that they cost one detection, not one each. */
    private volatile boolean active;

    @Activate
    public HypervisorDetectorComponent(BundleContext context, @Reference CapabilityRegistry registry) {
        this.root = HostRoot.of(context.getProperty(HostRoot.PROPERTY));
        this.signals = signalsFor(System.getProperty("os.name", ""), root);
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
        HypervisorInfo info = Detection.run(signals.get(), Detection.ordered(probes), root.toString());
        current = info;
        capabilities.publish(info);
        return info;
    }

    /** A captured tree is always read as Linux; only the live machine can be Windows. */
    static Supplier<RecordingHostSignals> signalsFor(String osName, HostRoot root) {
        if (root.isLive() && osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            JnaWindowsRegistry registry = new JnaWindowsRegistry();
            return () -> new WindowsHostSignals(registry);
        }
        return () -> new LinuxHostSignals(root);
    }
}
