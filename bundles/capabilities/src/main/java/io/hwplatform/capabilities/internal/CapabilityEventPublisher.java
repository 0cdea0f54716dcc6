package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.CapabilityEvent;
import io.hwplatform.api.capability.PlatformCapability;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

/**
 * Mirrors every capability change, of every bundle, on Event Admin. Active only while Event Admin is there; this is
 * the only class that touches the optionally imported Event Admin package.
 */
@Component(immediate = true, service = {})
public final class CapabilityEventPublisher implements ServiceListener {

    private final BundleContext context;
    private final EventAdmin eventAdmin;

    @Activate
    public CapabilityEventPublisher(BundleContext context, @Reference EventAdmin eventAdmin)
            throws InvalidSyntaxException {
        this.context = context;
        this.eventAdmin = eventAdmin;
        context.addServiceListener(this, "(objectClass=" + PlatformCapability.class.getName() + ")");
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(this);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        CapabilityEvent.Type type = switch (event.getType()) {
            case ServiceEvent.REGISTERED -> CapabilityEvent.Type.REGISTERED;
            case ServiceEvent.MODIFIED -> CapabilityEvent.Type.MODIFIED;
            default -> CapabilityEvent.Type.UNREGISTERED;
        };
        eventAdmin.postEvent(new Event(type.topic(), eventProperties(CapabilitySnapshot.of(event.getServiceReference()))));
    }

    static Map<String, Object> eventProperties(PlatformCapability capability) {
        Map<String, Object> properties = new HashMap<>(capability.attributes());
        properties.put(PlatformCapability.NAME, capability.name());
        Bundle bundle = capability.bundle();
        if (bundle != null) {
            properties.put(EventConstants.BUNDLE_ID, bundle.getBundleId());
            properties.put(EventConstants.BUNDLE_SYMBOLICNAME, bundle.getSymbolicName());
        }
        return properties;
    }
}
