package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.PlatformCapability;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Bundle;

/**
 * The service object every bundle gets for a capability: read-only. It implements nothing but
 * {@link PlatformCapability}, so no cast turns it into the owner's {@link PublishedCapability}; each
 * {@link #attributes()} is the latest published snapshot, an unmodifiable map that never changes afterwards.
 */
final class CapabilityView implements PlatformCapability {

    private final AtomicReference<CapabilitySnapshot> published;

    CapabilityView(AtomicReference<CapabilitySnapshot> published) {
        this.published = published;
    }

    @Override
    public String name() {
        return published.get().name();
    }

    @Override
    public Map<String, Object> attributes() {
        return published.get().attributes();
    }

    @Override
    public Bundle bundle() {
        return published.get().bundle();
    }

    @Override
    public String toString() {
        return published.get().toString();
    }
}
