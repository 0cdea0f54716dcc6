package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.PlatformCapability;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** A capability as its service properties say at one moment. Immutable. */
final class CapabilitySnapshot implements PlatformCapability {

    private final String name;
    private final Map<String, Object> attributes;
    private final Bundle bundle;

    CapabilitySnapshot(String name, Map<String, Object> attributes, Bundle bundle) {
        this.name = name;
        this.attributes = attributes;
        this.bundle = bundle;
    }

    /** Reads a registered capability; call it while the reference is valid (also inside UNREGISTERING events). */
    static CapabilitySnapshot of(ServiceReference<?> reference) {
        return new CapabilitySnapshot(String.valueOf(reference.getProperty(PlatformCapability.NAME)),
                CapabilityAttributes.fromServiceReference(reference), reference.getBundle());
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
    public String toString() {
        return name + attributes + " from " + (bundle == null ? "?" : bundle.getSymbolicName());
    }
}
