package io.hwplatform.export.nfd.internal;

import io.hwplatform.api.capability.CapabilityEvent;
import io.hwplatform.api.capability.CapabilityListener;
import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.capability.PlatformCapability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;

/** Capabilities held in a list; a change is announced to the listeners as the registry would. */
final class FakeRegistry implements CapabilityRegistry {

    record Capability(String name, Map<String, Object> attributes) implements PlatformCapability {
        @Override
        public Bundle bundle() {
            return null;
        }
    }

    final List<PlatformCapability> capabilities = new CopyOnWriteArrayList<>();
    final List<CapabilityListener> listeners = new CopyOnWriteArrayList<>();

    FakeRegistry with(String name, Map<String, Object> attributes) {
        capabilities.add(new Capability(name, attributes));
        return this;
    }

    /** Publishes a capability, in place of one of the same name, and tells the listeners. */
    void publish(String name, Map<String, Object> attributes) {
        capabilities.removeIf(capability -> capability.name().equals(name));
        with(name, attributes);
        CapabilityEvent event = new CapabilityEvent(CapabilityEvent.Type.REGISTERED, new Capability(name, attributes));
        listeners.forEach(listener -> listener.capabilityChanged(event));
    }

    @Override
    public CapabilityRegistration register(String name, Map<String, ?> attributes) {
        throw new UnsupportedOperationException("the exporter only reads");
    }

    @Override
    public Optional<PlatformCapability> find(String name) {
        return capabilities.stream().filter(capability -> capability.name().equals(name)).findFirst();
    }

    @Override
    public List<PlatformCapability> list(String filter) {
        return List.copyOf(capabilities);
    }

    @Override
    public ListenerRegistration addListener(String filter, CapabilityListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
