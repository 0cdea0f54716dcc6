package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.CapabilityEvent;
import io.hwplatform.api.capability.CapabilityListener;
import io.hwplatform.api.capability.CapabilityRegistry.ListenerRegistration;
import io.hwplatform.api.capability.PlatformCapability;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Turns service-registry changes of matching capabilities into {@link CapabilityEvent}s for one listener. A
 * service tracker gives the right sequence for free: a capability that starts to match is REGISTERED for this
 * listener, one that stops matching is UNREGISTERED, even when only its attributes changed.
 */
final class CapabilityListenerTracker
        implements ServiceTrackerCustomizer<PlatformCapability, PlatformCapability>, ListenerRegistration {

    private final ServiceTracker<PlatformCapability, PlatformCapability> tracker;
    private final CapabilityListener listener;
    private final Consumer<CapabilityListenerTracker> onClose;
    /** Set before the tracker closes, so closing does not report every capability as gone. */
    private volatile boolean closed;

    CapabilityListenerTracker(BundleContext context, String filter, CapabilityListener listener,
            Consumer<CapabilityListenerTracker> onClose) {
        this.listener = listener;
        this.onClose = onClose;
        this.tracker = new ServiceTracker<>(context, CapabilityFilters.capabilities(filter), this);
    }

    void open() {
        tracker.open();
    }

    @Override
    public PlatformCapability addingService(ServiceReference<PlatformCapability> reference) {
        CapabilitySnapshot capability = CapabilitySnapshot.of(reference);
        tell(CapabilityEvent.Type.REGISTERED, capability);
        return capability;
    }

    @Override
    public void modifiedService(ServiceReference<PlatformCapability> reference, PlatformCapability previous) {
        tell(CapabilityEvent.Type.MODIFIED, CapabilitySnapshot.of(reference));
    }

    @Override
    public void removedService(ServiceReference<PlatformCapability> reference, PlatformCapability previous) {
        tell(CapabilityEvent.Type.UNREGISTERED, CapabilitySnapshot.of(reference));
    }

    @Override
    public void close() {
        closed = true;
        tracker.close();
        onClose.accept(this);
    }

    private void tell(CapabilityEvent.Type type, PlatformCapability capability) {
        if (!closed) {
            listener.capabilityChanged(new CapabilityEvent(type, capability));
        }
    }
}
