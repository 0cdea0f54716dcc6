package io.hwplatform.api.capability;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * One fact about the platform, such as "this guest runs under KVM" or "this machine has 4 NUMA nodes".
 *
 * <p>A capability is an OSGi service registered under this interface with the service property {@link #NAME} (for
 * example {@code platform.capability=numa}) and its attributes as further service properties (for example
 * {@code numa.nodes=4}). Consumers therefore select capabilities with plain LDAP filters, in DS references, service
 * trackers or {@link CapabilityRegistry#list(String)}.
 *
 * <p>Names are lower case and dotted from general to specific: {@code hypervisor}, {@code hypervisor.kvm},
 * {@code numa}, {@code balloon.virtio}, {@code memory.pressure.psi}. Attribute keys are dotted too and are documented
 * as constants by the API package of their concern. Attribute values are of the types listed in
 * {@link #ATTRIBUTE_TYPES}, or arrays or collections of them; a registry rejects anything else.
 *
 * <p>The service object other bundles get is read-only: it implements nothing but this interface, so it cannot be
 * cast to the owner's {@link CapabilityRegistration}, and each {@link #attributes()} is the latest published
 * snapshot, an unmodifiable map that never changes afterwards (an update publishes a new one). Only the owning
 * bundle, through its registration, can change or withdraw a capability.
 *
 * <p>Thread-safety: instances may be shared freely between threads.
 */
@ProviderType
public interface PlatformCapability {

    /** Service property holding the capability's name. Type: String. */
    String NAME = "platform.capability";

    /** The attribute value types a capability may carry, singly or as an array or collection. */
    java.util.List<Class<?>> ATTRIBUTE_TYPES =
            java.util.List.of(String.class, Boolean.class, Integer.class, Long.class, Double.class);

    /** @return the capability's name, e.g. {@code numa} */
    String name();

    /**
     * @return the attributes: every service property except {@link #NAME} and the ones the framework owns
     *     ({@code objectClass}, {@code service.*}); unmodifiable, arrays as unmodifiable lists
     */
    Map<String, Object> attributes();

    /** @return the bundle that registered this capability; it vanishes when that bundle stops */
    Bundle bundle();

    /**
     * Builds the LDAP filter that selects a capability by name, escaping what LDAP treats specially.
     *
     * @param name a capability name such as {@code numa}
     * @return for example {@code (platform.capability=numa)}
     */
    static String filter(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 24).append('(').append(NAME).append('=');
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.append(')').toString();
    }
}
