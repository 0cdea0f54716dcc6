package io.hwplatform.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.shell.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NumaCommandsTest {

    private static final NumaTopology TWO_NODES_AND_CXL = new NumaTopology("linux", List.of(
            node(0, List.of(0, 1), 8L << 30, 4, Map.of(0, 10, 1, 21, 2, 14),
                    List.of(new NumaDevice("nvme0n1", NumaDevice.Kind.BLOCK, new TreeSet<>(List.of(0))))),
            node(1, List.of(2, 3), 8L << 30, 4, Map.of(0, 21, 1, 10, 2, 24), List.of()),
            node(2, List.of(), 16L << 30, 22, Map.of(0, 17, 1, 28, 2, 10), List.of())),
            new TreeSet<>(List.of(0, 1, 2, 3)));

    @Test
    void jsonHasTheContractedShape() {
        JsonObject json = JsonParser.parseString(Json.write(Documents.topology(TWO_NODES_AND_CXL, true)))
                .getAsJsonObject();

        assertThat(json.get("backend").getAsString()).isEqualTo("linux");
        JsonObject node0 = json.getAsJsonArray("nodes").get(0).getAsJsonObject();
        assertThat(node0.get("id").getAsInt()).isZero();
        assertThat(node0.getAsJsonArray("cpus").toString()).isEqualTo("[0,1]");
        assertThat(node0.get("memoryBytes").getAsLong()).isEqualTo(8L << 30);
        assertThat(node0.getAsJsonObject("distances").get("1").getAsInt()).isEqualTo(21);
        assertThat(node0.getAsJsonArray("devices").toString()).isEqualTo("[\"nvme0n1\"]");
        JsonObject node2 = json.getAsJsonArray("nodes").get(2).getAsJsonObject();
        assertThat(node2.get("memoryOnly").getAsBoolean()).isTrue();
        assertThat(node2.get("tier").getAsInt()).isEqualTo(22);
        assertThat(json.getAsJsonArray("possible").size()).isEqualTo(4);
        assertThat(node2.getAsJsonArray("nearestCpus").toString()).as("memory-only: node 0's, at 17").isEqualTo("[0,1]");
        assertThat(json.getAsJsonArray("warnings").isEmpty()).isTrue();
        assertThat(json.getAsJsonArray("allowedNodes").isEmpty()).isTrue();
    }

    @Test
    void textAddsTheProcessAndTheFirmwaresErrorsAfterTheNumactlPart() {
        NumaTopology restricted = new NumaTopology("linux", TWO_NODES_AND_CXL.nodes(), TWO_NODES_AND_CXL.possible(),
                List.of(), new TreeSet<>(List.of(6, 7)), new TreeSet<>(List.of(0, 1)), new TreeSet<>(List.of(0)),
                List.of("CPUs 4-5 are listed by nodes 0-1"));

        assertThat(NumaCommands.topologyText(restricted, true)).endsWith("memory-only nodes: 2\n"
                + "node 2 nearest cpus: 0 1\n"
                + "offline cpus: 6 7\n"
                + "this process may run on cpus: 0 1\n"
                + "this process may bind memory to nodes: 0\n"
                + "warning: CPUs 4-5 are listed by nodes 0-1\n");
    }

    @Test
    void textLooksLikeNumactlHardware() {
        String text = NumaCommands.topologyText(TWO_NODES_AND_CXL, true);

        assertThat(text).contains("available: 3 nodes (0,1,2)")
                .contains("node 0 cpus: 0 1\n")
                .contains("node 2 size: 16384 MB\n")
                .contains("node distances:\nnode   0   1   2\n  0:  10  21  14\n  1:  21  10  24\n  2:  17  28  10\n")
                .contains("memory-only nodes: 2\n");
    }

    private static NumaNode node(int id, List<Integer> cpus, long bytes, int tier, Map<Integer, Integer> distances,
            List<NumaDevice> devices) {
        return new NumaNode(id, new TreeSet<>(cpus), bytes, bytes / 2, tier, new TreeMap<>(distances), devices);
    }
}
