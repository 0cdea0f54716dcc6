package io.hwplatform.hypervisor.windows.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registry keys and values held in maps, for tests of Windows hosts without Windows. */
public final class FakeRegistry implements WindowsRegistry {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> subkeys = new HashMap<>();

    public FakeRegistry bios(String manufacturer, String product) {
        return value(WindowsHostSignals.BIOS_KEY, "SystemManufacturer", manufacturer)
                .value(WindowsHostSignals.BIOS_KEY, "SystemProductName", product);
    }

    public FakeRegistry value(String key, String name, String value) {
        values.put(key + "\\" + name, value);
        return this;
    }

    public FakeRegistry subkeys(String key, String... names) {
        subkeys.put(key, new ArrayList<>(List.of(names)));
        return this;
    }

    @Override
    public Optional<String> value(String key, String name) {
        return Optional.ofNullable(values.get(key + "\\" + name));
    }

    @Override
    public List<String> subkeys(String key) {
        return subkeys.getOrDefault(key, List.of());
    }
}
