package io.hwplatform.hypervisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Windows guests, against a fake registry (there is no Windows machine here): SMBIOS strings from the BIOS key, the
 * balloon from driver services and devices.
 */
class WindowsHostTest {

    @Test
    void vmwareGuestWithTheBalloonService() {
        FakeRegistry registry = new FakeRegistry()
                .bios("VMware, Inc.", "VMware7,1")
                .value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\VMMemCtl", "Start", "2");

        HypervisorInfo info = detect(registry);

        assertThat(info.type()).isEqualTo(HypervisorType.VMWARE);
        assertThat(info.balloon().kind()).isEqualTo(BalloonKind.VMWARE);
        assertThat(info.balloon().bound()).isTrue();
        assertThat(info.decidedBy()).startsWith("HKLM\\HARDWARE\\DESCRIPTION\\System\\BIOS\\SystemProductName");
    }

    @Test
    void kvmGuestWithVirtioWinBalloon() {
        FakeRegistry registry = new FakeRegistry()
                .bios("QEMU", "Standard PC (Q35 + ICH9, 2009)")
                .value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\BALLOON", "Start", "3")
                .subkeys("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\PCI",
                        "VEN_1AF4&DEV_1045&SUBSYS_11001AF4&REV_01", "VEN_8086&DEV_29C0&SUBSYS_11001AF4&REV_02");

        HypervisorInfo info = detect(registry);

        assertThat(info.type()).isEqualTo(HypervisorType.QEMU);
        assertThat(info.balloon().kind()).isEqualTo(BalloonKind.VIRTIO);
        assertThat(info.balloon().bound()).isTrue();
    }

    @Test
    void disabledBalloonServiceIsNotBound() {
        FakeRegistry registry = new FakeRegistry()
                .bios("QEMU", "Standard PC (Q35 + ICH9, 2009)")
                .value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\BALLOON", "Start", "4")
                .subkeys("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\PCI", "VEN_1AF4&DEV_1002&SUBSYS_00051AF4&REV_00");

        assertThat(detect(registry).balloon().bound()).isFalse();
    }

    @Test
    void hypervGuestWithDynamicMemory() {
        FakeRegistry registry = new FakeRegistry()
                .bios("Microsoft Corporation", "Virtual Machine")
                .subkeys("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\VMBUS", "{525074DC-8985-46E2-8057-A307DC18A502}",
                        "{f8615163-df3e-46c5-913f-f2d2f965ed0e}")
                .value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\dmvsc", "Start", "3");

        HypervisorInfo info = detect(registry);

        assertThat(info.type()).isEqualTo(HypervisorType.HYPERV);
        assertThat(info.balloon().kind()).isEqualTo(BalloonKind.HYPERV);
        assertThat(info.balloon().bound()).isTrue();
    }

    @Test
    void surfaceLaptopIsNoVm() {
        HypervisorInfo info = detect(new FakeRegistry().bios("Microsoft Corporation", "Surface Laptop 3"));

        assertThat(info.type()).isEqualTo(HypervisorType.NONE);
        assertThat(info.vendor()).isEqualTo("Microsoft Corporation");
    }

    @Test
    void unreadableRegistryIsEvidenceNotAnError() {
        WindowsRegistry broken = new WindowsRegistry() {
            @Override
            public Optional<String> value(String key, String name) {
                throw new IllegalStateException("access denied");
            }

            @Override
            public List<String> subkeys(String key) {
                throw new IllegalStateException("access denied");
            }
        };

        HypervisorInfo info = Detection.run(new WindowsHostSignals(broken), ScenarioTest.ALL_PROBES, "/");

        assertThat(info.type()).isEqualTo(HypervisorType.NONE);
        assertThat(info.evidence()).anyMatch(row -> row.observed().equals("unreadable: access denied"));
    }

    private static HypervisorInfo detect(FakeRegistry registry) {
        return Detection.run(new WindowsHostSignals(registry), ScenarioTest.ALL_PROBES, "/");
    }

    /** Registry keys and values held in maps. */
    static final class FakeRegistry implements WindowsRegistry {
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, List<String>> subkeys = new HashMap<>();

        FakeRegistry bios(String manufacturer, String product) {
            return value(WindowsHostSignals.BIOS_KEY, "SystemManufacturer", manufacturer)
                    .value(WindowsHostSignals.BIOS_KEY, "SystemProductName", product);
        }

        FakeRegistry value(String key, String name, String value) {
            values.put(key + "\\" + name, value);
            return this;
        }

        FakeRegistry subkeys(String key, String... names) {
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
}
