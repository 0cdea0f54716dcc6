package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.PlatformCapability;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The handle the owning bundle holds for one capability. Only the owner has it: the service other bundles get is a
 * read-only {@link CapabilityView}, and an update publishes a new snapshot instead of changing the one readers hold.
 */
final class PublishedCapability implements CapabilityRegistration {

    private final AtomicReference<CapabilitySnapshot> published;
    private final Consumer<PublishedCapability> onClose;
    private final ServiceRegistration<PlatformCapability> registration;
    private boolean closed;

    PublishedCapability(BundleContext owner, String name, Map<String, Object> attributes,
            Consumer<PublishedCapability> onClose) {
        this.published = new AtomicReference<>(new CapabilitySnapshot(name, attributes, owner.getBundle()));
        this.onClose = onClose;
        this.registration = owner.registerService(PlatformCapability.class, new CapabilityView(published),
                CapabilityAttributes.toServiceProperties(name, attributes));
    }

    @Override
    public PlatformCapability capability() {
        return published.get();
    }

    @Override
    public synchronized void update(Map<String, ?> newAttributes) {
        CapabilitySnapshot current = published.get();
        if (closed) {
            throw new IllegalStateException("capability '" + current.name() + "' was withdrawn");
        }
        Map<String, Object> normalised = CapabilityAttributes.normalise(newAttributes);
        published.set(new CapabilitySnapshot(current.name(), normalised, current.bundle()));
        registration.setProperties(CapabilityAttributes.toServiceProperties(current.name(), normalised));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The owning bundle stopped first and the framework unregistered the service: nothing left to do.
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return published.get().toString();
    }
}
