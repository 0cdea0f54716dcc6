package io.hwplatform.hypervisor.internal;

import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.HypervisorCapabilities;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the published capabilities equal to the latest verdict: {@code hypervisor}, {@code hypervisor.<type>} and
 * {@code balloon.<kind>}. Unchanged capabilities are left alone, changed ones updated, stale ones withdrawn.
 */
final class VerdictCapabilities implements AutoCloseable {

    private final CapabilityRegistry registry;
    private final Map<String, CapabilityRegistration> published = new HashMap<>();

    VerdictCapabilities(CapabilityRegistry registry) {
        this.registry = registry;
    }

    synchronized void publish(HypervisorInfo info) {
        Map<String, Map<String, Object>> wanted = of(info);
        published.entrySet().removeIf(entry -> {
            if (wanted.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
        wanted.forEach((name, attributes) -> {
            CapabilityRegistration current = published.get(name);
            if (current == null) {
                published.put(name, registry.register(name, attributes));
            } else if (!current.capability().attributes().equals(attributes)) {
                current.update(attributes);
            }
        });
    }

    @Override
    public synchronized void close() {
        published.values().forEach(CapabilityRegistration::close);
        published.clear();
    }

    /** @return the capabilities a verdict stands for, by name */
    static Map<String, Map<String, Object>> of(HypervisorInfo info) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(HypervisorCapabilities.TYPE, info.type().id());
        putIfKnown(attributes, HypervisorCapabilities.VENDOR, info.vendor());
        putIfKnown(attributes, HypervisorCapabilities.PRODUCT, info.product());
        putIfKnown(attributes, HypervisorCapabilities.CLOUD, info.cloud());
        putIfKnown(attributes, HypervisorCapabilities.CONTAINER, info.container());
        if (info.xen() != null) {
            attributes.put(HypervisorCapabilities.XEN_DOMAIN, info.xen().domain().id());
            attributes.put(HypervisorCapabilities.XEN_MODE, info.xen().mode().id());
        }
        Map<String, Map<String, Object>> capabilities = new LinkedHashMap<>();
        capabilities.put(HypervisorCapabilities.HYPERVISOR, attributes);
        capabilities.put(HypervisorCapabilities.HYPERVISOR_PREFIX + info.type().id(), attributes);
        Balloon balloon = info.balloon();
        if (balloon != null) {
            capabilities.put(HypervisorCapabilities.BALLOON_PREFIX + balloon.kind().id(), Map.of(
                    HypervisorCapabilities.BALLOON_BOUND, balloon.bound(),
                    HypervisorCapabilities.BALLOON_DEVICE, balloon.device()));
        }
        return capabilities;
    }

    private static void putIfKnown(Map<String, Object> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
