package io.hwplatform.hypervisor.others.internal;

import static io.hwplatform.support.probe.ProbeFixtures.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.support.probe.ProbeFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VirtualBox, Parallels, bhyve and the rest probe alone over the shared captured trees: what it finds on its platform, and nothing elsewhere. */
class OthersProbeTest {

    @TempDir
    Path temp;

    private List<Finding> examine(String tree) {
        return ProbeFixtures.examine(new OthersProbe(), tree, temp);
    }

    @Test
    void virtualboxParallelsAndBhyve() {
        assertThat(types(examine("virtualbox"))).containsExactly(HypervisorType.VIRTUALBOX);
        assertThat(types(examine("parallels"))).containsExactly(HypervisorType.PARALLELS);
        assertThat(types(examine("bhyve"))).containsExactly(HypervisorType.BHYVE);
    }

    @Test
    void otherPlatformsAreNotClaimed() {
        assertThat(types(examine("kvm-q35"))).isEmpty();
        assertThat(types(examine("vmware-x86"))).isEmpty();
    }

    @Test
    void findsNothingOnBareMetal() {
        assertThat(examine("bare-metal")).isEmpty();
    }

    @Test
    void virtualBoxsGuestServiceOnThePciBusClaimsVirtualBox() {
        assertThat(types(examine("virtualbox-pci-only"))).containsExactly(HypervisorType.VIRTUALBOX);
        assertThat(types(examine("bare-metal"))).as("hardware vendors only").isEmpty();
    }

    @Test
    void aPowerVmPartitionSaysWhetherItsProcessorsAreShared() {
        assertThat(examine("powervm-lpar")).filteredOn(Finding.Hypervisor.class::isInstance)
                .extracting(Finding::source).containsExactly("/proc/ppc64/lparcfg (shared processors)");
        assertThat(types(examine("power-kvm-guest"))).as("QEMU's pseries has an lparcfg too").isEmpty();
        assertThat(types(examine("power-nv-bare-metal"))).isEmpty();
    }

    @Test
    void sun4vIsALogicalDomain() {
        assertThat(types(examine("sparc-ldom"))).containsExactly(HypervisorType.LDOMS);
    }

    @Test
    void bochsFirmwareUnderQemusCpuIsNotClaimedAsBochs() {
        assertThat(types(examine("qemu-bochs-firmware"))).isEmpty();
    }
}
