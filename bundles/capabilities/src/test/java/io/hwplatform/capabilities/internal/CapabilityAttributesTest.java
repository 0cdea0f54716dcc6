package io.hwplatform.capabilities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

class CapabilityAttributesTest {

    @Test
    void acceptsLowerCaseDottedNames() {
        assertThat(CapabilityAttributes.checkName("memory.pressure.psi")).isEqualTo("memory.pressure.psi");
        assertThat(CapabilityAttributes.checkName("hypervisor.kvm")).isEqualTo("hypervisor.kvm");
        assertThat(CapabilityAttributes.checkName("numa")).isEqualTo("numa");
    }

    @Test
    void rejectsMalformedNames() {
        for (String bad : new String[] {null, "", " ", "NUMA", "numa.", ".numa", "a..b", "a b", "a*"}) {
            assertThatThrownBy(() -> CapabilityAttributes.checkName(bad))
                    .as("name %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capability name");
        }
    }

    @Test
    void keepsTypedScalarsAndTurnsArraysAndCollectionsIntoLists() {
        Map<String, Object> input = new HashMap<>();
        input.put("numa.nodes", 4);
        input.put("memory.bytes", 1L << 34);
        input.put("ratio", 0.5);
        input.put("bound", true);
        input.put("vendor", "QEMU");
        input.put("cpus", new long[] {0, 1, 2});
        input.put("names", List.of("a", "b"));

        Map<String, Object> attributes = CapabilityAttributes.normalise(input);

        assertThat(attributes)
                .containsEntry("numa.nodes", 4)
                .containsEntry("memory.bytes", 1L << 34)
                .containsEntry("ratio", 0.5)
                .containsEntry("bound", true)
                .containsEntry("vendor", "QEMU")
                .containsEntry("cpus", List.of(0L, 1L, 2L))
                .containsEntry("names", List.of("a", "b"));
        assertThat(List.copyOf(attributes.keySet())).isSorted();
        assertThatThrownBy(() -> attributes.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullAttributesMeanNone() {
        assertThat(CapabilityAttributes.normalise(null)).isEmpty();
    }

    @Test
    void rejectsReservedKeys() {
        for (String reserved : new String[] {"objectClass", "service.ranking", "SERVICE.ID", "component.name",
                "platform.capability", " "}) {
            assertThatThrownBy(() -> CapabilityAttributes.normalise(Map.of(reserved, "x")))
                    .as("key %s", reserved)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsUnsupportedValueTypesNamingTheKey() {
        assertThatThrownBy(() -> CapabilityAttributes.normalise(Map.of("when", new java.util.Date())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'when'")
                .hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> CapabilityAttributes.normalise(Map.of("list", List.of("a", new Object()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'list'");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("nothing", null);
        assertThatThrownBy(() -> CapabilityAttributes.normalise(withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not null");
    }

    @Test
    void serviceReferenceAttributesLeaveOutNameAndFrameworkProperties() {
        Dictionary<String, Object> properties =
                CapabilityAttributes.toServiceProperties("numa", CapabilityAttributes.normalise(Map.of(
                        "numa.nodes", 2, "numa.node.ids", new int[] {0, 1})));
        properties.put("objectClass", new String[] {"io.hwplatform.api.capability.PlatformCapability"});
        properties.put("service.id", 42L);
        properties.put("service.bundleid", 7L);

        Map<String, Object> attributes = CapabilityAttributes.fromServiceReference(reference(properties));

        assertThat(attributes).containsOnly(Map.entry("numa.nodes", 2), Map.entry("numa.node.ids", List.of(0, 1)));
    }

    private static ServiceReference<?> reference(Dictionary<String, Object> properties) {
        return (ServiceReference<?>) Proxy.newProxyInstance(CapabilityAttributesTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPropertyKeys" -> java.util.Collections.list(properties.keys()).toArray(new String[0]);
                    case "getProperty" -> properties.get(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
