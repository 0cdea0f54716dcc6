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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The balloon for simple users: what the hypervisor verdict and the OS bundle's gauge say of it, and pressure
 * handlers, each registered as a {@link MemoryReclaimer} service of its own (ranking 0), so that the governor asks
 * them as it asks every reclaimer. What a handler reports on its own thread during its call is what it released; a
 * report outside any call sends the memory back to the operating system through the governor.
 *
 * <p>One instance per bundle that uses the service: its handlers go when that bundle stops or lets go of the
 * service, whether or not it closed them, so that no stopped bundle's code is called, and no bundle can close
 * another's handlers.
 */
@Component(service = BalloonDriver.class, scope = ServiceScope.BUNDLE)
public final class BalloonDriverComponent implements BalloonDriver {

    /** Handler names are unique across the instances of all bundles. */
    private static final AtomicInteger HANDLERS = new AtomicInteger();
    /**
     * The handler being asked on this thread, to which reports on this thread belong. One per thread, as a handler
     * that outlived its time budget goes on in its own thread while the next one is asked in another.
     */
    private static final ThreadLocal<HandlerReclaimer> ASKING = new ThreadLocal<>();

    private final BundleContext context;
    private final Set<ServiceRegistration<MemoryReclaimer>> registrations = ConcurrentHashMap.newKeySet();

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

    /** The using bundle stopped or let go of the service: its handlers go with it. */
    @Deactivate
    void deactivate() {
        registrations.forEach(BalloonDriverComponent::unregister);
        registrations.clear();
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
        String name = "balloon-handler-" + HANDLERS.incrementAndGet();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MemoryReclaimer.NAME, name);
        properties.put(Constants.SERVICE_RANKING, 0);
        ServiceRegistration<MemoryReclaimer> registration = context.registerService(MemoryReclaimer.class,
                new HandlerReclaimer(bytesToRelease), properties);
        registrations.add(registration);
        return () -> {
            if (registrations.remove(registration)) {
                unregister(registration);
            }
        };
    }

    private static void unregister(ServiceRegistration<MemoryReclaimer> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the memory bundle is stopping: the handler is gone either way
        }
    }

    @Override
    public void reportMemoryReleased(long bytes) {
        if (bytes <= 0) {
            return;
        }
        HandlerReclaimer current = ASKING.get();
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
            ASKING.set(this);
            try {
                handler.accept(bytesWanted);
            } finally {
                ASKING.remove();
            }
            return released.get();
        }
    }
}
