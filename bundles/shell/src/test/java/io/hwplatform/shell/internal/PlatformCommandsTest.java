package io.hwplatform.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hwplatform.api.capability.PlatformCapability;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class PlatformCommandsTest {

    private static final PlatformCapability NUMA = capability("numa", Map.of("numa.nodes", 4), "io.hwplatform.numa");
    private static final PlatformCapability KVM =
            capability("hypervisor.kvm", new TreeMap<>(Map.of("vendor", "QEMU \"q35\"", "bound", true)), null);

    @Test
    void jsonIsOneDocumentWithNameAttributesAndBundle() {
        JsonObject json = JsonParser.parseString(PlatformCommands.toJson(List.of(NUMA, KVM))).getAsJsonObject();

        assertThat(json.keySet()).containsExactly("capabilities");
        JsonObject numa = json.getAsJsonArray("capabilities").get(0).getAsJsonObject();
        assertThat(numa.get("name").getAsString()).isEqualTo("numa");
        assertThat(numa.getAsJsonObject("attributes").get("numa.nodes").getAsInt()).isEqualTo(4);
        assertThat(numa.get("bundle").getAsString()).isEqualTo("io.hwplatform.numa");
        JsonObject kvm = json.getAsJsonArray("capabilities").get(1).getAsJsonObject();
        assertThat(kvm.getAsJsonObject("attributes").get("vendor").getAsString()).isEqualTo("QEMU \"q35\"");
        assertThat(kvm.get("bundle").isJsonNull()).isTrue();
    }

    @Test
    void emptyRegistryIsAnEmptyList() {
        assertThat(PlatformCommands.toJson(List.of())).isEqualTo("{\"capabilities\":[]}");
    }

    @Test
    void tableShowsAttributesAsKeyValuePairs() {
        assertThat(PlatformCommands.toTable(List.of(NUMA, KVM))).isEqualTo(""
                + "NAME            ATTRIBUTES                    BUNDLE\n"
                + "numa            numa.nodes=4                  io.hwplatform.numa\n"
                + "hypervisor.kvm  bound=true vendor=QEMU \"q35\"  -\n");
    }

    private static PlatformCapability capability(String name, Map<String, Object> attributes, String bundle) {
        Bundle provider = bundle == null ? null : (Bundle) Proxy.newProxyInstance(
                PlatformCommandsTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getName().equals("getSymbolicName") ? bundle : null);
        return new PlatformCapability() {
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
                return provider;
            }
        };
    }
}
