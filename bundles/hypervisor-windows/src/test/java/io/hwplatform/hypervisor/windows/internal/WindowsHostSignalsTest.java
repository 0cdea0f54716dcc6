package io.hwplatform.hypervisor.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Windows signals alone, over a fake registry: what probes read, and what evidence each read leaves. */
class WindowsHostSignalsTest {

    @Test
    void firmwareComesFromTheBiosKeyAndNamesItsValue() {
        HostSignals host = new WindowsHostSignals(new FakeRegistry().bios("QEMU", "Standard PC (i440FX + PIIX, 1996)"));

        assertThat(host.os()).isEqualTo(HostSignals.Os.WINDOWS);
        assertThat(host.firmware(FirmwareField.SYS_VENDOR)).contains("QEMU");
        assertThat(host.firmwareSource(FirmwareField.PRODUCT_NAME))
                .isEqualTo("HKLM\\HARDWARE\\DESCRIPTION\\System\\BIOS\\SystemProductName");
        assertThat(host.evidence()).extracting(Evidence::source)
                .containsExactly("HKLM\\HARDWARE\\DESCRIPTION\\System\\BIOS\\SystemManufacturer");
    }

    @Test
    void eachValueIsReadOnceAndBlankValuesAreAbsent() {
        AtomicInteger reads = new AtomicInteger();
        FakeRegistry values = new FakeRegistry().value("HKLM\\K", "Blank", "  ").value("HKLM\\K", "Start", " 3 ");
        WindowsRegistry counting = new WindowsRegistry() {
            @Override
            public Optional<String> value(String key, String name) {
                reads.incrementAndGet();
                return values.value(key, name);
            }

            @Override
            public List<String> subkeys(String key) {
                return values.subkeys(key);
            }
        };
        HostSignals host = new WindowsHostSignals(counting);

        assertThat(host.registryValue("HKLM\\K", "Start")).contains("3");
        assertThat(host.registryValue("HKLM\\K", "Start")).contains("3");
        assertThat(host.registryValue("HKLM\\K", "Blank")).isEmpty();
        assertThat(reads).hasValue(2);
        assertThat(host.evidence()).extracting(row -> row.source() + " = " + row.observed())
                .containsExactly("HKLM\\K\\Start = 3", "HKLM\\K\\Blank = absent");
    }

    @Test
    void filesAndCpuidAreNotThereAndTheEvidenceSaysSo() {
        HostSignals host = new WindowsHostSignals(new FakeRegistry());

        assertThat(host.text("/sys/hypervisor/type")).isEmpty();
        assertThat(host.list("/sys/bus/pci/devices")).isEmpty();
        assertThat(host.cpuidSignatures()).isEmpty();
        assertThat(host.evidence()).anyMatch(row -> row.source().equals("cpuid") && row.observed().contains("Windows"));
    }

    @Test
    void theLiveSignalsAreFreshForEachDetection() {
        WindowsLiveSignals live = new WindowsLiveSignals();

        HostSignals first = live.open();

        assertThat(live.open()).isNotSameAs(first);
        assertThat(first.isLive()).isTrue();
    }
}
