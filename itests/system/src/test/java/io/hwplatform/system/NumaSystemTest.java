package io.hwplatform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NUMA on a real multi-node kernel: the topology QEMU was told, and memory landing where it was asked to. */
class NumaSystemTest {

    /** Topology, an allocation on every node, one on a node that does not exist, and the same one strictly. */
    private static String job(int nodes) {
        StringBuilder line = new StringBuilder("numa:topology --json");
        for (int node = 0; node < nodes; node++) {
            line.append("; numa:alloc 16m ").append(node).append(" --json");
        }
        line.append("; numa:alloc 16m 7 --json; try { numa:alloc --strict 16m 7 } { echo \"strict failed: $exception\" }");
        return SystemTestSupport.job(SystemTestSupport.sections("numa", line.toString()));
    }

    @Test
    void twoNodesAtDistance21() throws Exception {
        assumeTrue(SystemTestSupport.allScenarios(), "two nodes run only with -Dsystem.scenarios=all");
        GuestOutput guest = SystemTestSupport.guest().numa(2, "10 21;21 10").run("numa-2", job(2), (line, qemu) -> { });

        List<JsonObject> json = guest.json("numa");
        JsonArray nodes = json.get(0).getAsJsonArray("nodes");
        assertThat(nodes).as(guest.toString()).hasSize(2);
        assertThat(distances(nodes.get(0).getAsJsonObject())).containsExactly(10, 21);
        assertThat(distances(nodes.get(1).getAsJsonObject())).containsExactly(21, 10);
        assertThat(json.get(0).get("numaAware").getAsBoolean()).isTrue();
        assertLandsOnEveryNode(json, 2);
        assertFallsBackAndFailsStrictly(guest, json, 2);
    }

    @Test
    void fourNodesWithAsymmetricDistancesAndTwoMemoryOnlyNodes() throws Exception {
        GuestOutput guest = SystemTestSupport.guest()
                .numa(4, "10 16 22 28;16 10 28 22;22 28 10 16;28 22 16 10", 2, 3)
                .run("numa-4", job(4), (line, qemu) -> { });

        List<JsonObject> json = guest.json("numa");
        JsonArray nodes = json.get(0).getAsJsonArray("nodes");
        assertThat(nodes).as(guest.toString()).hasSize(4);
        assertThat(distances(nodes.get(0).getAsJsonObject())).containsExactly(10, 16, 22, 28);
        assertThat(distances(nodes.get(2).getAsJsonObject())).containsExactly(22, 28, 10, 16);
        for (int node = 0; node < 4; node++) {
            JsonObject described = nodes.get(node).getAsJsonObject();
            assertThat(described.get("memoryBytes").getAsLong()).isPositive();
            assertThat(described.get("memoryOnly").getAsBoolean()).as("node %d memory-only", node).isEqualTo(node >= 2);
            assertThat(described.getAsJsonArray("cpus").isEmpty()).isEqualTo(node >= 2);
        }
        assertLandsOnEveryNode(json, 4);
        assertFallsBackAndFailsStrictly(guest, json, 4);
    }

    private static void assertLandsOnEveryNode(List<JsonObject> json, int nodes) {
        for (int node = 0; node < nodes; node++) {
            JsonObject allocation = json.get(1 + node);
            assertThat(allocation.get("requestedNode").getAsInt()).isEqualTo(node);
            assertThat(allocation.get("node").getAsInt()).as("placed on node %d", node).isEqualTo(node);
            assertThat(allocation.get("verified").getAsBoolean()).isTrue();
            assertThat(allocation.get("step").getAsString()).isEqualTo("preferred");
        }
    }

    private static void assertFallsBackAndFailsStrictly(GuestOutput guest, List<JsonObject> json, int nodes) {
        JsonObject fallback = json.get(1 + nodes);
        assertThat(fallback.get("requestedNode").getAsInt()).isEqualTo(7);
        assertThat(fallback.get("step").getAsString()).isEqualTo("nearest");
        assertThat(fallback.get("node").getAsInt()).isBetween(0, nodes - 1);
        assertThat(fallback.get("verified").getAsBoolean()).isTrue();
        assertThat(guest.section("numa")).anyMatch(line -> line.startsWith("strict failed:")
                && line.contains("node 7 under the strict policy"));
        assertThat(guest.exitCode("numa")).isZero();
    }

    private static List<Integer> distances(JsonObject node) {
        return node.getAsJsonObject("distances").entrySet().stream()
                .map(entry -> entry.getValue().getAsInt()).toList();
    }
}
