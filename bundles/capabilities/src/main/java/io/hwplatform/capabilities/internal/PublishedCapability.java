package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.PlatformCapability;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A capability registered by one bundle: the service object other bundles get, and the handle its owner holds.
 */
final class PublishedCapability implements PlatformCapability, CapabilityRegistration {

    private final String name;
    private final Bundle bundle;
    private final Consumer<PublishedCapability> onClose;
    private final ServiceRegistration<PlatformCapability> registration;
    private volatile Map<String, Object> attributes;
    private volatile boolean closed;

    PublishedCapability(BundleContext owner, String name, Map<String, Object> attributes,
            Consumer<PublishedCapability> onClose) {
        this.name = name;
        this.bundle = owner.getBundle();
        this.attributes = attributes;
        this.onClose = onClose;
        this.registration = owner.registerService(PlatformCapability.class, this,
                CapabilityAttributes.toServiceProperties(name, attributes));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public Bundle bundle() {
        return bundle;
    }

    @Override
    public PlatformCapability capability() {
        return new CapabilitySnapshot(name, attributes, bundle);
    }

    @Override
    public synchronized void update(Map<String, ?> newAttributes) {
        if (closed) {
            throw new IllegalStateException("capability '" + name + "' was withdrawn");
        }
        Map<String, Object> normalised = CapabilityAttributes.normalise(newAttributes);
        attributes = normalised;
        registration.setProperties(CapabilityAttributes.toServiceProperties(name, normalised));
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
        return name + attributes;
    }
}
