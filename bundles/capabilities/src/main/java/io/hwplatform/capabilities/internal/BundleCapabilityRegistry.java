package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.CapabilityListener;
import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.capability.PlatformCapability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The registry as one bundle sees it. DS creates one instance per using bundle (bundle scope), so every capability
 * and listener belongs to that bundle and goes away with it.
 */
@Component(service = CapabilityRegistry.class, scope = ServiceScope.BUNDLE)
public final class BundleCapabilityRegistry implements CapabilityRegistry {

    private static final Comparator<PlatformCapability> BY_NAME_THEN_BUNDLE =
            Comparator.comparing(PlatformCapability::name)
                    .thenComparingLong(capability -> capability.bundle() == null ? -1 : capability.bundle().getBundleId());

    private final BundleContext user;
    private final Set<PublishedCapability> published = ConcurrentHashMap.newKeySet();
    private final Set<CapabilityListenerTracker> listeners = ConcurrentHashMap.newKeySet();

    @Activate
    public BundleCapabilityRegistry(ComponentContext component) {
        this.user = component.getUsingBundle().getBundleContext();
        if (user == null) {
            throw new IllegalStateException(
                    "bundle " + component.getUsingBundle().getSymbolicName() + " is not active");
        }
    }

    @Override
    public CapabilityRegistration register(String name, Map<String, ?> attributes) {
        String checkedName = CapabilityAttributes.checkName(name);
        Map<String, Object> checkedAttributes = CapabilityAttributes.normalise(attributes);
        PublishedCapability capability =
                new PublishedCapability(user, checkedName, checkedAttributes, published::remove);
        published.add(capability);
        return capability;
    }

    @Override
    public Optional<PlatformCapability> find(String name) {
        return references(PlatformCapability.filter(name)).stream()
                .max(Comparator.naturalOrder())
                .map(CapabilitySnapshot::of);
    }

    @Override
    public List<PlatformCapability> list(String filter) {
        List<PlatformCapability> capabilities = new ArrayList<>();
        for (ServiceReference<?> reference : references(filter)) {
            capabilities.add(CapabilitySnapshot.of(reference));
        }
        capabilities.sort(BY_NAME_THEN_BUNDLE);
        return capabilities;
    }

    @Override
    public ListenerRegistration addListener(String filter, CapabilityListener listener) {
        CapabilityListenerTracker tracker =
                new CapabilityListenerTracker(user, filter, listener, listeners::remove);
        listeners.add(tracker);
        tracker.open();
        return tracker;
    }

    /** The using bundle released the registry (usually because it stopped): drop what it left behind. */
    @Deactivate
    void deactivate() {
        List.copyOf(listeners).forEach(CapabilityListenerTracker::close);
        List.copyOf(published).forEach(PublishedCapability::close);
    }

    private List<ServiceReference<?>> references(String filter) {
        String checked = CapabilityFilters.check(filter);
        try {
            ServiceReference<?>[] found = user.getServiceReferences(PlatformCapability.class.getName(), checked);
            return found == null ? List.of() : Arrays.asList(found);
        } catch (InvalidSyntaxException cannotHappen) { // checked above
            throw new IllegalStateException(cannotHappen);
        }
    }
}
