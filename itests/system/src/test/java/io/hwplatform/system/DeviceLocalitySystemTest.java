package io.hwplatform.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The storage engine's call in a real kernel: an NVMe controller and a NIC that QEMU hangs on node 1 (behind a PCI
 * expander bridge) are listed there, and buffers asked for near them land there, verified by the kernel; without NUMA
 * the same call degrades to plain memory without an error.
 */
class DeviceLocalitySystemTest {

    /** The devices, buffers near the controller, the NIC and an unknown device, then near the controller strictly. */
    private static final String JOB = "numa:devices --json; numa:alloc --near nvme0n1 16m --json;"
            + " numa:alloc --near eth0 4m --json; numa:alloc --near nosuch0 64k --json";

    @Test
    void buffersNearTheControllerAndTheNicLandOnTheirNode() throws Exception {
        GuestOutput guest = SystemTestSupport.guest().numa(2, "10 21;21 10").nvmeAndNicOn(1)
                .run("near-2", job(JOB + "; numa:alloc --near nvme0n1 --strict 64k --json"), (line, qemu) -> { });

        List<JsonObject> json = guest.json("near");
        assertThat(json).as(guest.toString()).hasSize(5);
        Map<String, List<Integer>> devices = devices(json.get(0));
        assertThat(devices).as("numa:devices").containsEntry("nvme0n1", List.of(1)).containsEntry("eth0", List.of(1));
        for (JsonObject near : json.subList(1, 3)) {
            assertThat(near.get("node").getAsInt()).as("%s", near).isEqualTo(1);
            assertThat(near.get("requestedNode").getAsInt()).isEqualTo(1);
            assertThat(near.get("verified").getAsBoolean()).isTrue();
            assertThat(near.get("step").getAsString()).isEqualTo("device");
        }
        JsonObject unknown = json.get(3);
        assertThat(unknown.get("step").getAsString()).as("%s", unknown).isEqualTo("local");
        assertThat(unknown.get("node").getAsInt()).isEqualTo(unknown.get("requestedNode").getAsInt());
        assertThat(json.get(4).get("node").getAsInt()).isEqualTo(1);
        assertThat(guest.exitCode("near")).isZero();
    }

    @Test
    void withoutNumaTheSameCallsDegradeWithoutAnError() throws Exception {
        GuestOutput guest = SystemTestSupport.guest().nvmeAndNicOn(0).run("near-1",
                job(JOB + "; numa:topology --json"), (line, qemu) -> { });

        List<JsonObject> json = guest.json("near");
        assertThat(json).as(guest.toString()).hasSize(5);
        JsonObject topology = json.get(4);
        assertThat(topology.get("numaAware").getAsBoolean()).as("not NUMA-aware: plain memory").isFalse();
        assertThat(topology.getAsJsonArray("nodes")).hasSize(1);
        assertThat(devices(json.get(0))).as("numa:devices").containsKeys("nvme0n1", "eth0");
        for (JsonObject near : json.subList(1, 4)) {
            assertThat(near.get("node").getAsInt()).as("%s", near).isZero();
            // Without NUMA the firmware gives no device a node (a local_cpulist of every CPU says nothing either).
            assertThat(near.get("step").getAsString()).isIn("device", "local");
        }
        assertThat(guest.exitCode("near")).isZero();
    }

    private static String job(String commandLine) {
        return SystemTestSupport.job(SystemTestSupport.sections("near", commandLine));
    }

    private static Map<String, List<Integer>> devices(JsonObject listing) {
        return StreamSupport.stream(listing.getAsJsonArray("devices").spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .collect(Collectors.toMap(device -> device.get("name").getAsString(),
                        device -> StreamSupport.stream(device.getAsJsonArray("nodes").spliterator(), false)
                                .map(JsonElement::getAsInt).toList(), (first, second) -> first));
    }
}
