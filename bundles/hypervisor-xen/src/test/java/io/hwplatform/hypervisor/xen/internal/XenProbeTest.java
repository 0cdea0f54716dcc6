package io.hwplatform.hypervisor.xen.internal;

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

/** The Xen probe alone over the shared captured trees: what it finds on its platform, and nothing elsewhere. */
class XenProbeTest {

    @TempDir
    Path temp;

    private List<Finding> examine(String tree) {
        return ProbeFixtures.examine(new XenProbe(), tree, temp);
    }

    @Test
    void everyXenGuestAndTheControlDomainWithTheBalloon() {
        for (String tree : List.of("xen-pv-domu", "xen-hvm-domu", "xen-dom0")) {
            List<Finding> findings = examine(tree);
            assertThat(types(findings)).as(tree).containsExactly(HypervisorType.XEN);
            assertThat(balloons(findings)).as(tree).isNotEmpty();
            assertThat(findings).as(tree).anyMatch(Finding.Xen.class::isInstance);
        }
    }

    @Test
    void otherPlatformsAreNotClaimed() {
        assertThat(types(examine("kvm-q35"))).isEmpty();
        assertThat(types(examine("hyperv"))).isEmpty();
    }

    @Test
    void findsNothingOnBareMetal() {
        assertThat(examine("bare-metal")).isEmpty();
    }

    @Test
    void xenbusDevicesShowAGuestOnAnyArchitecture() {
        assertThat(types(examine("xen-arm-guest"))).containsExactly(HypervisorType.XEN);
    }
}
