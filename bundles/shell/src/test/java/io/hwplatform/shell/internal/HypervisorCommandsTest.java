package io.hwplatform.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypervisorCommandsTest {

    private static final HypervisorInfo KVM = new HypervisorInfo(HypervisorType.KVM, null, null, null, null, "docker",
            new Balloon(BalloonKind.VIRTIO, true, "virtio0"), "/sys/devices/system/clocksource/clocksource0/available_clocksource = tsc kvm-clock",
            List.of(new Evidence("/sys/class/dmi/id/product_name", "absent", ""),
                    new Evidence("/sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc kvm-clock",
                            "DECIDES; hypervisor KVM")),
            "/");

    @Test
    void jsonHasTheContractedShapeWithNullsForUnknowns() {
        JsonObject json = JsonParser.parseString(HypervisorCommands.toJson(KVM)).getAsJsonObject();

        assertThat(json.get("type").getAsString()).isEqualTo("KVM");
        assertThat(json.get("cloud").isJsonNull()).isTrue();
        assertThat(json.get("xen").isJsonNull()).isTrue();
        assertThat(json.get("container").getAsString()).isEqualTo("docker");
        assertThat(json.getAsJsonObject("balloon").get("kind").getAsString()).isEqualTo("virtio");
        assertThat(json.getAsJsonObject("balloon").get("bound").getAsBoolean()).isTrue();
        assertThat(json.getAsJsonArray("evidence")).hasSize(2);
        assertThat(json.getAsJsonArray("evidence").get(1).getAsJsonObject().get("meaning").getAsString())
                .isEqualTo("DECIDES; hypervisor KVM");
    }

    @Test
    void xenRoleIsLowerCaseInJson() {
        HypervisorInfo xen = new HypervisorInfo(HypervisorType.XEN, "Xen", "HVM domU", "aws",
                new XenRole(XenRole.Domain.DOMU, XenRole.Mode.HVM), null, null, "/proc/xen = present", List.of(), "/");

        JsonObject json = JsonParser.parseString(HypervisorCommands.toJson(xen)).getAsJsonObject();

        assertThat(json.getAsJsonObject("xen").get("domain").getAsString()).isEqualTo("domu");
        assertThat(json.getAsJsonObject("xen").get("mode").getAsString()).isEqualTo("hvm");
        assertThat(json.get("balloon").isJsonNull()).isTrue();
    }

    @Test
    void textShowsTheSummaryThenTheEvidenceTable() {
        String text = HypervisorCommands.toText(KVM);

        assertThat(text).startsWith("hypervisor  KVM (decided by /sys/devices/system/clocksource/clocksource0/"
                + "available_clocksource = tsc kvm-clock)\n");
        assertThat(text).contains("\ncontainer   docker\n").contains("\nballoon     virtio, driver bound (virtio0)\n")
                .contains("\ncloud       -\n");
        assertThat(text).contains("SOURCE").contains("DECIDES; hypervisor KVM");
    }
}
