package io.hwplatform.hypervisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictCapabilitiesTest {

    @Test
    void kvmWithBalloonPublishesThreeCapabilities() {
        HypervisorInfo info = new HypervisorInfo(HypervisorType.KVM, "QEMU", "Standard PC", "gcp", null, "docker",
                new Balloon(BalloonKind.VIRTIO, true, "virtio0"), "cpuid", List.of(), "/");

        Map<String, Map<String, Object>> capabilities = VerdictCapabilities.of(info);

        assertThat(capabilities).containsOnlyKeys("hypervisor", "hypervisor.kvm", "balloon.virtio");
        assertThat(capabilities.get("hypervisor")).containsEntry("hypervisor.type", "kvm")
                .containsEntry("hypervisor.vendor", "QEMU").containsEntry("hypervisor.cloud", "gcp")
                .containsEntry("hypervisor.container", "docker").doesNotContainKey("hypervisor.xen.domain");
        assertThat(capabilities.get("balloon.virtio")).containsEntry("balloon.bound", true)
                .containsEntry("balloon.device", "virtio0");
    }

    @Test
    void bareMetalPublishesHypervisorNoneAndLeavesUnknownsOut() {
        HypervisorInfo info = new HypervisorInfo(HypervisorType.NONE, null, null, null, null, null, null,
                "no signal shows a hypervisor", List.of(), "/");

        Map<String, Map<String, Object>> capabilities = VerdictCapabilities.of(info);

        assertThat(capabilities).containsOnlyKeys("hypervisor", "hypervisor.none");
        assertThat(capabilities.get("hypervisor")).containsOnlyKeys("hypervisor.type");
    }

    @Test
    void xenRoleBecomesAttributes() {
        HypervisorInfo info = new HypervisorInfo(HypervisorType.XEN, null, null, null,
                new XenRole(XenRole.Domain.DOM0, XenRole.Mode.PVH), null, null, "/proc/xen", List.of(), "/");

        assertThat(VerdictCapabilities.of(info).get("hypervisor.xen"))
                .containsEntry("hypervisor.xen.domain", "dom0").containsEntry("hypervisor.xen.mode", "pvh");
    }
}
