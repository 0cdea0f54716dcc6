package io.hwplatform.hypervisor.hyperv.internal;

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

/** The Hyper-V probe alone over the shared captured trees: what it finds on its platform, and nothing elsewhere. */
class HypervProbeTest {

    @TempDir
    Path temp;

    private List<Finding> examine(String tree) {
        return ProbeFixtures.examine(new HypervProbe(), tree, temp);
    }

    @Test
    void hypervWithItsDynamicMemoryDevice() {
        List<Finding> findings = examine("hyperv");
        assertThat(types(findings)).contains(HypervisorType.HYPERV);
        assertThat(balloons(findings)).singleElement().satisfies(balloon -> assertThat(balloon.balloon().bound()).isTrue());
    }

    @Test
    void azureIsHyperv() {
        assertThat(types(examine("azure"))).contains(HypervisorType.HYPERV);
    }

    @Test
    void otherPlatformsAreNotClaimed() {
        assertThat(types(examine("vmware-x86"))).isEmpty();
        assertThat(types(examine("xen-pv-domu"))).isEmpty();
    }

    @Test
    void findsNothingOnBareMetal() {
        assertThat(examine("bare-metal")).isEmpty();
    }
}
