package io.hwplatform.hypervisor.windows.internal;

import java.util.List;
import java.util.Optional;

/** The few registry reads the Windows probes need; behind an interface so their logic is tested without Windows. */
public interface WindowsRegistry {

    /**
     * @param key a key such as {@code HKLM\HARDWARE\DESCRIPTION\System\BIOS}
     * @return the value as text (numbers in decimal); empty when the key or value is absent
     * @throws RuntimeException when the registry cannot be read at all
     */
    Optional<String> value(String key, String name);

    /** @return the sub-key names, empty when the key is absent */
    List<String> subkeys(String key);
}
