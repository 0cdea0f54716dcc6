package io.hwplatform.hypervisor.vmware.internal;

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

/** The VMware probe alone over the shared captured trees: what it finds on its platform, and nothing elsewhere. */
class VmwareProbeTest {

    @TempDir
    Path temp;

    private List<Finding> examine(String tree) {
        return ProbeFixtures.examine(new VmwareProbe(), tree, temp);
    }

    @Test
    void vmwareByFirmwareAndCpuidWithItsBalloonDriver() {
        List<Finding> findings = examine("vmware-x86");
        assertThat(types(findings)).containsExactly(HypervisorType.VMWARE);
        assertThat(balloons(findings)).singleElement().satisfies(balloon -> assertThat(balloon.balloon().bound()).isTrue());
    }

    @Test
    void vmwareOnArmByTheDeviceTree() {
        assertThat(types(examine("vmware-arm"))).containsExactly(HypervisorType.VMWARE);
    }

    @Test
    void otherPlatformsAreNotClaimed() {
        assertThat(types(examine("kvm-q35"))).isEmpty();
        assertThat(types(examine("xen-hvm-domu"))).isEmpty();
    }

    @Test
    void findsNothingOnBareMetal() {
        assertThat(examine("bare-metal")).isEmpty();
    }

    @Test
    void vmwaresDevicesInProcBusPciClaimVmware() {
        assertThat(types(examine("vmware-proc-pci"))).containsExactly(HypervisorType.VMWARE);
        assertThat(types(examine("qemu-pci-only"))).isEmpty();
    }
}
