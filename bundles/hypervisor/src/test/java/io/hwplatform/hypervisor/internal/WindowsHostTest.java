package io.hwplatform.hypervisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.HostSignals.Os;
import io.hwplatform.api.hypervisor.spi.LiveHostSignals;
import io.hwplatform.hypervisor.windows.internal.FakeRegistry;
import io.hwplatform.hypervisor.windows.internal.WindowsHostSignals;
import io.hwplatform.hypervisor.windows.internal.WindowsRegistry;
import io.hwplatform.support.host.HostRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void liveSignalsServeOnlyTheLiveMachine(@TempDir Path tree) {
        LiveHostSignals windows = () -> new WindowsHostSignals(new FakeRegistry());

        assertThat(HypervisorDetectorComponent.signalsFor(HostRoot.of("/"), windows).os()).isEqualTo(Os.WINDOWS);
        assertThat(HypervisorDetectorComponent.signalsFor(HostRoot.of(tree.toString()), windows).os())
                .isEqualTo(Os.LINUX);
        assertThat(HypervisorDetectorComponent.signalsFor(HostRoot.of("/"), null).os()).isEqualTo(Os.LINUX);
    }

    private static HypervisorInfo detect(FakeRegistry registry) {
        return Detection.run(new WindowsHostSignals(registry), ScenarioTest.ALL_PROBES, "/");
    }
}
