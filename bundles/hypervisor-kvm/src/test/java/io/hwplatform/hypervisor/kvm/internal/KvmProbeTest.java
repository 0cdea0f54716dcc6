package io.hwplatform.hypervisor.kvm.internal;

import static io.hwplatform.support.probe.ProbeFixtures.balloons;
import static io.hwplatform.support.probe.ProbeFixtures.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.support.probe.ProbeFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVM probe alone over the shared captured trees: what it finds on its platform, and nothing elsewhere. */
class KvmProbeTest {

    @TempDir
    Path temp;

    private List<Finding> examine(String tree) {
        return ProbeFixtures.examine(new KvmProbe(), tree, temp);
    }

    @Test
    void kvmByCpuidBesideQemuFirmwareWithItsBoundVirtioBalloon() {
        List<Finding> findings = examine("kvm-q35");
        // Both claims are the probe's; the detector's precedence lets CPUID's KVM decide over QEMU's firmware strings.
        assertThat(findings).filteredOn(Finding.Hypervisor.class::isInstance).map(Finding.Hypervisor.class::cast)
                .extracting(claim -> claim.type() + " by " + claim.signal())
                .contains("KVM by CPUID", "QEMU by FIRMWARE");
        assertThat(balloons(findings)).singleElement().satisfies(balloon -> assertThat(balloon.balloon().bound()).isTrue());
    }

    @Test
    void kvmWithoutDmiByCpuidAlone() {
        assertThat(types(examine("kvm-firecracker-no-dmi"))).containsExactly(HypervisorType.KVM);
    }

    @Test
    void tcgIsQemuNotKvm() {
        assertThat(types(examine("qemu-tcg"))).containsExactly(HypervisorType.QEMU);
    }

    @Test
    void otherPlatformsAreNotClaimed() {
        assertThat(types(examine("vmware-x86"))).isEmpty();
        assertThat(types(examine("hyperv"))).isEmpty();
    }

    @Test
    void findsNothingOnBareMetal() {
        assertThat(examine("bare-metal")).isEmpty();
    }

    @Test
    void qemusDevicesOnThePciBusClaimKvmAndQemu() {
        assertThat(types(examine("qemu-pci-only"))).containsExactly(HypervisorType.KVM, HypervisorType.QEMU);
        assertThat(types(examine("virtualbox-pci-only"))).isEmpty();
    }

    @Test
    void kvmtoolByItsSignatureAndItsArmMachine() {
        assertThat(types(examine("kvmtool-x86"))).containsExactly(HypervisorType.KVM);
        assertThat(types(examine("kvmtool-arm"))).containsExactly(HypervisorType.KVM);
    }

    @Test
    void aPseriesGuestOfQemuIsKvmAndBochsFirmwareUnderQemusCpuIsQemu() {
        assertThat(types(examine("power-kvm-guest"))).contains(HypervisorType.KVM);
        assertThat(types(examine("power-nv-bare-metal"))).isEmpty();
        assertThat(types(examine("qemu-bochs-firmware"))).containsExactly(HypervisorType.QEMU);
    }
}
