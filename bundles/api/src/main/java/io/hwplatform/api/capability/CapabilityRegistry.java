package io.hwplatform.api.capability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The place where bundles publish what they learn about the platform and where others look it up.
 *
 * <p>The registry is offered per bundle: the capabilities a bundle registers are services of that bundle, and the
 * framework removes them when the bundle stops. Listeners added by a bundle are removed when it stops, too.
 *
 * <p>Thread-safety: every method may be called from any thread. Listeners are called synchronously, on the thread
 * that registered, changed or unregistered the capability, as OSGi service listeners are.
 */
@ProviderType
public interface CapabilityRegistry {

    /**
     * Publishes a capability in the name of the calling bundle.
     *
     * @param name the capability's name, lower case and dotted, e.g. {@code balloon.virtio}
     * @param attributes typed attributes (see {@link PlatformCapability}); may be empty
     * @return the handle that changes or withdraws the capability
     * @throws IllegalArgumentException when the name is blank or malformed, an attribute key is reserved
     *     ({@code objectClass}, {@code service.*}, {@link PlatformCapability#NAME}) or a value has an unsupported type
     * @throws IllegalStateException when the calling bundle is no longer active
     */
    CapabilityRegistration register(String name, Map<String, ?> attributes);

    /**
     * Finds a capability by name. When several bundles registered the same name, the one the framework ranks first
     * (highest {@code service.ranking}, then oldest) wins.
     *
     * @param name the capability's name
     * @return the capability, or empty when nobody has registered it
     */
    Optional<PlatformCapability> find(String name);

    /**
     * Lists the capabilities that match an LDAP filter over their name ({@code platform.capability}) and attributes.
     *
     * @param filter an LDAP filter such as {@code (&(platform.capability=numa)(numa.nodes>=2))}; {@code null} or
     *     blank lists everything
     * @return the matching capabilities ordered by name, then provider bundle id; never {@code null}
     * @throws IllegalArgumentException when the filter is not valid LDAP syntax
     */
    List<PlatformCapability> list(String filter);

    /**
     * Adds a listener for capabilities that match a filter. The listener sees changes from now on; call
     * {@link #list(String)} first for the current state.
     *
     * @param filter an LDAP filter as for {@link #list(String)}; {@code null} or blank means every capability
     * @param listener called for each registration, modification and unregistration
     * @return a handle whose {@code close()} removes the listener; closing twice is harmless
     * @throws IllegalArgumentException when the filter is not valid LDAP syntax
     */
    ListenerRegistration addListener(String filter, CapabilityListener listener);

    /** The handle returned by {@link #addListener(String, CapabilityListener)}. */
    @ProviderType
    interface ListenerRegistration extends AutoCloseable {
        /** Removes the listener. Idempotent. */
        @Override
        void close();
    }
}
