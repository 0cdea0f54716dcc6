package io.hwplatform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMBIOS vendor strings of other hypervisors in a QEMU guest. Under emulation the CPU shows QEMU's own signature
 * (TCGTCGTCGTCG, when readable), so the firmware must decide: this is what the precedence's deferral of TCG is for.
 */
class HypervisorSystemTest {

    static Stream<Arguments> vendors() {
        return Stream.of(
                // name, quick, type-1 fields, type-0 fields, expected type, expected cloud
                Arguments.of("vmware", true, "manufacturer=VMware, Inc.,product=VMware Virtual Platform", null,
                        "VMWARE", null),
                Arguments.of("gce", true, "manufacturer=Google,product=Google Compute Engine", null, "KVM", "gcp"),
                Arguments.of("hyperv", false, "manufacturer=Microsoft Corporation,product=Virtual Machine", null,
                        "HYPERV", null),
                Arguments.of("xen-hvm", false, "manufacturer=Xen,product=HVM domU", "vendor=Xen,version=4.17.3",
                        "XEN", null),
                Arguments.of("virtualbox", false, "manufacturer=innotek GmbH,product=VirtualBox", null,
                        "VIRTUALBOX", null),
                Arguments.of("parallels", false,
                        "manufacturer=Parallels Software International Inc.,product=Parallels Virtual Platform", null,
                        "PARALLELS", null),
                Arguments.of("qemu", false, null, null, "QEMU", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void firmwareDecidesUnderEmulation(String name, boolean quick, String system, String bios, String type,
            String cloud) throws Exception {
        assumeTrue(quick || SystemTestSupport.allScenarios(), name + " runs only with -Dsystem.scenarios=all");
        Guest guest = SystemTestSupport.guest().memory(1024);
        if (system != null) {
            guest.smbios(1, system.split(",(?=[a-z]+=)"));
        }
        if (bios != null) {
            guest.smbios(0, bios.split(",(?=[a-z]+=)"));
        }

        GuestOutput output = guest.run("hv-" + name,
                SystemTestSupport.job(SystemTestSupport.sections("hv", "hv:info --json")), (line, qemu) -> { });

        JsonObject info = output.json("hv").get(0);
        assertThat(info.get("type").getAsString()).as(output.toString()).isEqualTo(type);
        if (cloud == null) {
            assertThat(info.get("cloud").isJsonNull()).isTrue();
        } else {
            assertThat(info.get("cloud").getAsString()).isEqualTo(cloud);
        }
        assertThat(info.getAsJsonObject("balloon").get("kind").getAsString())
                .as("QEMU's virtio balloon is there whatever the firmware says").isEqualTo("virtio");
    }
}
