package io.hwplatform.memory.internal;

import io.hwplatform.api.capability.CapabilityEvent;
import io.hwplatform.api.capability.CapabilityListener;
import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.api.hypervisor.HypervisorCapabilities;
import io.hwplatform.api.memory.MemoryCapabilities;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.PressureSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Publishes the memory capabilities and keeps them true: {@code memory.pressure.<source>} for every source that can
 * watch, with its latest level, and {@code balloon} exactly while the hypervisor verdict has a bound balloon driver.
 * The balloon follows the detector's {@code balloon.<kind>} capabilities on every change (a probe stopped, a
 * driver bound later), not only when the detector comes or goes.
 */
@Component(immediate = true, service = {})
public final class MemoryCapabilityPublisher implements MemoryListener, CapabilityListener {

    /** The detector's balloon capabilities whose driver is bound. */
    static final String BOUND_BALLOONS = "(&(" + PlatformCapability.NAME + "=" + HypervisorCapabilities.BALLOON_PREFIX
            + "*)(" + HypervisorCapabilities.BALLOON_BOUND + "=true))";

    private final CapabilityRegistry registry;
    private final Map<String, CapabilityRegistration> pressures = new HashMap<>();
    private final Subscription watching;
    private final CapabilityRegistry.ListenerRegistration balloons;
    private CapabilityRegistration balloon;

    @Activate
    public MemoryCapabilityPublisher(@Reference CapabilityRegistry registry, @Reference MemoryGovernor governor) {
        this.registry = registry;
        this.watching = governor.watch(this);
        this.balloons = registry.addListener("(" + PlatformCapability.NAME + "="
                + HypervisorCapabilities.BALLOON_PREFIX + "*)", this);
        publishBalloon();
    }

    @Deactivate
    synchronized void deactivate() {
        balloons.close();
        watching.close();
        pressures.values().forEach(CapabilityRegistration::close);
        pressures.clear();
        if (balloon != null) {
            balloon.close();
            balloon = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addSource(PressureSource source) {
        if (source.isAvailable() && !pressures.containsKey(source.name())) {
            pressures.put(source.name(), registry.register(MemoryCapabilities.PRESSURE_PREFIX + source.name(),
                    Map.of(MemoryCapabilities.LEVEL, source.current().level().id())));
        }
    }

    synchronized void removeSource(PressureSource source) {
        CapabilityRegistration capability = pressures.remove(source.name());
        if (capability != null) {
            capability.close();
        }
    }

    @Override
    public synchronized void pressure(MemoryPressure pressure) {
        CapabilityRegistration capability = pressures.get(pressure.source());
        if (capability != null && !pressure.level().id()
                .equals(capability.capability().attributes().get(MemoryCapabilities.LEVEL))) {
            capability.update(Map.of(MemoryCapabilities.LEVEL, pressure.level().id()));
        }
    }

    @Override
    public void capabilityChanged(CapabilityEvent event) {
        publishBalloon();
    }

    /** Derives {@code balloon} from what the registry holds now, so that any order of events ends right. */
    private synchronized void publishBalloon() {
        Optional<String> kind = boundKind(registry.list(BOUND_BALLOONS));
        if (kind.isEmpty()) {
            if (balloon != null) {
                balloon.close();
                balloon = null;
            }
        } else if (balloon == null) {
            balloon = registry.register(MemoryCapabilities.BALLOON, Map.of(MemoryCapabilities.BALLOON_KIND, kind.get()));
        } else if (!kind.get().equals(balloon.capability().attributes().get(MemoryCapabilities.BALLOON_KIND))) {
            balloon.update(Map.of(MemoryCapabilities.BALLOON_KIND, kind.get()));
        }
    }

    /** @return the kind of the first bound balloon capability ({@code balloon.virtio} is kind {@code virtio}) */
    static Optional<String> boundKind(List<PlatformCapability> bound) {
        return bound.stream().map(PlatformCapability::name).sorted().findFirst()
                .map(name -> name.substring(HypervisorCapabilities.BALLOON_PREFIX.length()));
    }
}
