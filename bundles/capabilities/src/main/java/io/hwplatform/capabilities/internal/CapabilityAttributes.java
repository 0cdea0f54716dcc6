package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.PlatformCapability;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The rules for capability names and attributes, and their mapping to and from service properties. Pure functions.
 */
final class CapabilityAttributes {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

    private CapabilityAttributes() {}

    /** @throws IllegalArgumentException when the name is not lower case, dotted and non-blank */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "capability name must be lower case words joined by '.', '-' or '_', e.g. 'balloon.virtio': "
                            + name);
        }
        return name;
    }

    /**
     * Validates attributes and copies them into an immutable, sorted map whose multi-valued entries are lists.
     *
     * @throws IllegalArgumentException naming the first offending key
     */
    static Map<String, Object> normalise(Map<String, ?> attributes) {
        Map<String, Object> copy = new TreeMap<>();
        if (attributes == null) {
            return Collections.unmodifiableMap(copy);
        }
        attributes.forEach((key, value) -> copy.put(checkKey(key), normaliseValue(key, value)));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the service properties under which a capability with these attributes is registered */
    static Dictionary<String, Object> toServiceProperties(String name, Map<String, Object> attributes) {
        Hashtable<String, Object> properties = new Hashtable<>(attributes);
        properties.put(PlatformCapability.NAME, name);
        return properties;
    }

    /** @return the attributes of a registered capability: its properties less the name and the framework's own */
    static Map<String, Object> fromServiceReference(ServiceReference<?> reference) {
        Map<String, Object> attributes = new TreeMap<>();
        for (String key : reference.getPropertyKeys()) {
            if (!isReserved(key)) {
                Object value = reference.getProperty(key);
                attributes.put(key, value.getClass().isArray() || value instanceof Collection
                        ? toList(value) : value);
            }
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("attribute key must not be blank");
        }
        if (isReserved(key)) {
            throw new IllegalArgumentException("attribute key '" + key + "' is reserved");
        }
        return key;
    }

    private static boolean isReserved(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return lower.equals(Constants.OBJECTCLASS.toLowerCase(java.util.Locale.ROOT))
                || lower.startsWith("service.")
                || lower.startsWith("component.")
                || lower.equals(PlatformCapability.NAME);
    }

    private static Object normaliseValue(String key, Object value) {
        if (value != null && (value.getClass().isArray() || value instanceof Collection)) {
            List<Object> values = toList(value);
            values.forEach(element -> checkScalar(key, element));
            return values;
        }
        return checkScalar(key, value);
    }

    private static Object checkScalar(String key, Object value) {
        if (value == null || !PlatformCapability.ATTRIBUTE_TYPES.contains(value.getClass())) {
            throw new IllegalArgumentException("attribute '" + key + "' must be one of "
                    + PlatformCapability.ATTRIBUTE_TYPES.stream().map(Class::getSimpleName).toList()
                    + " or an array or collection of them, " + (value == null ? "not null" : "not " + value.getClass().getName()));
        }
        return value;
    }

    private static List<Object> toList(Object arrayOrCollection) {
        if (arrayOrCollection instanceof Collection<?> collection) {
            return Collections.unmodifiableList(new ArrayList<>(collection));
        }
        int length = Array.getLength(arrayOrCollection);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(Array.get(arrayOrCollection, i));
        }
        return Collections.unmodifiableList(list);
    }
}
