package io.hwplatform.memory.internal;

import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.memory.BalloonDriver;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryReclaimer;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.memory.spi.BalloonGauge;
import java.util.Hashtable;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The balloon for simple users: what the hypervisor verdict and the OS bundle's gauge say of it, and pressure
 * handlers, each registered as a {@link MemoryReclaimer} service of its own (ranking 0), so that the governor asks
 * them as it asks every reclaimer. What a handler reports during its call is what it released; a report outside any
 * call sends the memory back to the operating system through the governor.
 */
@Component(service = BalloonDriver.class)
public final class BalloonDriverComponent implements BalloonDriver {

    private final BundleContext context;
    private final AtomicInteger handlers = new AtomicInteger();
    /** The handler being asked now, to which reports belong; null between calls. */
    private volatile HandlerReclaimer asking;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HypervisorDetector hypervisor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BalloonGauge gauge;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryGovernor governor;

    @Activate
    public BalloonDriverComponent(BundleContext context) {
        this.context = context;
    }

    @Override
    public boolean isAvailable() {
        return BalloonState.bound(hypervisor);
    }

    @Override
    public Optional<BalloonKind> kind() {
        return BalloonState.kind(hypervisor, gauge);
    }

    @Override
    public OptionalLong sizeBytes() {
        return BalloonState.size(gauge);
    }

    @Override
    public OptionalLong targetBytes() {
        return BalloonState.target(gauge);
    }

    @Override
    public Subscription registerPressureHandler(LongConsumer bytesToRelease) {
        String name = "balloon-handler-" + handlers.incrementAndGet();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MemoryReclaimer.NAME, name);
        properties.put(Constants.SERVICE_RANKING, 0);
        ServiceRegistration<MemoryReclaimer> registration = context.registerService(MemoryReclaimer.class,
                new HandlerReclaimer(bytesToRelease), properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // closed twice, or this bundle stopped: the handler is gone either way
            }
        };
    }

    @Override
    public void reportMemoryReleased(long bytes) {
        if (bytes <= 0) {
            return;
        }
        HandlerReclaimer current = asking;
        if (current != null) {
            current.released.addAndGet(bytes);
            return; // the reclaim returns it to the operating system when the handlers are done
        }
        MemoryGovernor currentGovernor = governor;
        if (currentGovernor != null) {
            currentGovernor.returnReleasedMemory();
        }
    }

    /** One handler as a reclaimer: what is reported while it is asked is what it released. */
    private final class HandlerReclaimer implements MemoryReclaimer {
        private final LongConsumer handler;
        final AtomicLong released = new AtomicLong();

        HandlerReclaimer(LongConsumer handler) {
            this.handler = handler;
        }

        @Override
        public long reclaim(long bytesWanted, PressureLevel level) {
            released.set(0);
            asking = this;
            try {
                handler.accept(bytesWanted);
            } finally {
                asking = null;
            }
            return released.get();
        }
    }
}
