package io.hwplatform.hypervisor.windows.internal;

import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.support.host.HostText;
import io.hwplatform.support.probe.PciIds;
import io.hwplatform.support.probe.RecordingHostSignals;
import java.util.List;
import java.util.Optional;

/**
 * A Windows host's signals: SMBIOS strings, services and devices from the registry. There is no unprivileged CPUID
 * and no sysfs; file reads find nothing.
 */
public final class WindowsHostSignals extends RecordingHostSignals {

    public static final String BIOS_KEY = "HKLM\\HARDWARE\\DESCRIPTION\\System\\BIOS";
    public static final String PCI_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\PCI";

    private final WindowsRegistry registry;

    public WindowsHostSignals(WindowsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Os os() {
        return Os.WINDOWS;
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public Optional<String> text(String hostPath) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> bytes(String hostPath) {
        return Optional.empty();
    }

    @Override
    public boolean exists(String hostPath) {
        return false;
    }

    @Override
    public List<String> list(String hostDirectory) {
        return List.of();
    }

    @Override
    public Optional<String> linkName(String hostPath) {
        return Optional.empty();
    }

    /** From the PCI enumeration in the registry, whose sub-keys are named after the ids. */
    @Override
    public List<String> pciIds() {
        return PciIds.windowsKeys(registrySubkeys(PCI_KEY));
    }

    @Override
    public String firmwareSource(FirmwareField field) {
        return BIOS_KEY + "\\" + field.windowsValue();
    }

    @Override
    public Optional<String> firmware(FirmwareField field) {
        return field.windowsValue() == null ? Optional.empty() : registryValue(BIOS_KEY, field.windowsValue());
    }

    @Override
    public Optional<int[]> cpuid(int leaf) {
        observe("cpuid", "not readable on Windows without native code");
        return Optional.empty();
    }

    @Override
    public Optional<String> registryValue(String key, String name) {
        String source = key + "\\" + name;
        return once(source, () -> {
            try {
                Optional<String> value = registry.value(key, name).map(String::strip).filter(text -> !text.isEmpty());
                observe(source, value.map(HostText::preview).orElse("absent"));
                return value;
            } catch (RuntimeException e) {
                observe(source, "unreadable: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public List<String> registrySubkeys(String key) {
        return once("subkeys " + key, () -> {
            try {
                List<String> names = registry.subkeys(key).stream().sorted().toList();
                observe(key, names.isEmpty() ? "absent" : HostText.preview(String.join(" ", names)));
                return names;
            } catch (RuntimeException e) {
                observe(key, "unreadable: " + e.getMessage());
                return List.of();
            }
        });
    }
}
