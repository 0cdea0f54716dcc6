package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The topology of trees written from the facts (src/test/trees), read through the root as on a live system. */
class TopologyReaderTest {

    static NumaTopology read(String tree) {
        return new TopologyReader(tree(tree)).read();
    }

    static HostFiles tree(String name) {
        return new HostFiles(HostRoot.of(Path.of("src/test/trees", name).toAbsolutePath().toString()));
    }

    @Test
    void twoSockets() {
        NumaTopology topology = read("two-sockets");

        assertThat(topology.online()).containsExactly(0, 1);
        assertThat(topology.isNuma()).isTrue();
        NumaNode node0 = topology.node(0).orElseThrow();
        assertThat(node0.cpus()).hasSize(32).contains(0, 15, 32, 47).doesNotContain(16);
        assertThat(node0.memoryTotalBytes()).isEqualTo(196608000L * 1024);
        assertThat(node0.memoryFreeBytes()).isEqualTo(150000000L * 1024);
        assertThat(node0.memoryTier()).isEqualTo(4);
        assertThat(topology.distance(0, 1)).isEqualTo(21);
        assertThat(topology.distance(1, 1)).isEqualTo(10);
        assertThat(node0.devices()).extracting(device -> device.name()).contains("0000:3b:00.0", "nvme0n1");
        assertThat(topology.node(1).orElseThrow().devices()).extracting(device -> device.name())
                .contains("0000:af:00.0", "eth0", "bond0");
    }

    @Test
    void fourNodesWithMemoryOnlyNodesAndAsymmetricDistances() {
        NumaTopology topology = read("four-nodes-memory-only");

        assertThat(topology.memoryOnlyNodes()).extracting(NumaNode::id).containsExactly(2, 3);
        assertThat(topology.distance(0, 2)).isEqualTo(14);
        assertThat(topology.distance(2, 0)).isEqualTo(17);
        assertThat(topology.node(2).orElseThrow().memoryTier()).isEqualTo(22);
        // From node 0: node 2 (14) before node 1 (21) before node 3 (24).
        assertThat(topology.nearestTo(0)).containsExactly(2, 1, 3);
    }

    @Test
    void memoryOnlyNodesNameTheCpusNearestThem() {
        NumaTopology topology = read("four-nodes-memory-only");

        assertThat(topology.nearestCpus(2)).as("node 2 is 17 from node 0, 28 from node 1")
                .isEqualTo(topology.node(0).orElseThrow().cpus());
        assertThat(topology.nearestCpus(0)).isEqualTo(topology.node(0).orElseThrow().cpus());
        assertThat(topology.nearestCpus(9)).isEmpty();
    }

    @Test
    void firmwareThatGivesEveryNodeEveryCpuIsReportedAsFound() {
        NumaTopology topology = read("firmware-all-cpus");

        assertThat(topology.node(0).orElseThrow().cpus()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(topology.node(1).orElseThrow().cpus()).as("not silently taken from node 1")
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(topology.warnings()).singleElement().asString().contains("every node lists the same CPUs (0-7)");
    }

    @Test
    void overlappingCpuListsAreReportedWithTheCpusAndNodes() {
        NumaTopology topology = read("overlapping-cpus");

        assertThat(topology.node(1).orElseThrow().cpus()).containsExactly(4, 5, 6, 7);
        assertThat(topology.warnings()).singleElement().asString().startsWith("CPUs 4-5 are listed by nodes 0-1");
    }

    @Test
    void offlineCpusAreReportedApartFromTheNodes() {
        NumaTopology topology = read("offline-cpus");

        assertThat(topology.node(1).orElseThrow().cpus()).containsExactly(4, 5);
        assertThat(topology.offlineCpus()).containsExactly(6, 7);
        assertThat(topology.warnings()).isEmpty();
    }

    @Test
    void theCpusAndNodesThisProcessMayUseAreReported() {
        NumaTopology topology = read("restricted-process");

        assertThat(topology.allowedCpus()).containsExactly(0, 1);
        assertThat(topology.allowedNodes()).containsExactly(0);
        assertThat(read("two-sockets").allowedNodes()).as("not told: empty").isEmpty();
    }

    @Test
    void sparseNodeIds() {
        NumaTopology topology = read("sparse-ids");

        assertThat(topology.online()).containsExactly(0, 1, 2, 33, 34, 45, 72, 73);
        assertThat(topology.possible()).hasSize(128);
        assertThat(topology.distance(33, 33)).isEqualTo(10);
        assertThat(topology.distance(33, 0)).isEqualTo(22);
        assertThat(topology.distance(33, 1)).isEqualTo(16);
        assertThat(topology.nearestTo(72)).startsWith(73);
        assertThat(topology.node(33).orElseThrow().cpus()).containsExactly(12, 13, 14, 15);
    }

    @Test
    void kernelWithoutNumaIsOneNodeWithAllCpusAndMemory() {
        NumaTopology topology = read("no-node-dir");

        assertThat(topology.nodes()).hasSize(1);
        NumaNode node = topology.nodes().get(0);
        assertThat(node.id()).isZero();
        assertThat(node.cpus()).containsExactly(0, 1, 2, 3);
        assertThat(node.memoryTotalBytes()).isEqualTo(8038092L * 1024);
        assertThat(topology.isNuma()).isFalse();
        assertThat(topology.distance(0, 0)).isEqualTo(10);
    }

    @Test
    void nulTerminatedFilesOfOldKernels() {
        NumaTopology topology = read("nul-terminated");

        assertThat(topology.online()).containsExactly(0, 1);
        assertThat(topology.node(0).orElseThrow().cpus()).containsExactly(0, 1, 2, 3);
        assertThat(topology.node(1).orElseThrow().cpus()).containsExactly(4, 5, 6, 7);
        assertThat(topology.distance(0, 1)).isEqualTo(20);
        assertThat(topology.node(1).orElseThrow().memoryTotalBytes()).isEqualTo(4194304L * 1024);
    }

    @Test
    void offlineNodesArePossibleButNotListed() {
        NumaTopology topology = read("offline-nodes");

        assertThat(topology.online()).containsExactly(0, 1);
        assertThat(topology.possible()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void garbledFilesLoseOnlyWhatIsGarbled() {
        NumaTopology topology = read("garbled");

        NumaNode node0 = topology.node(0).orElseThrow();
        assertThat(node0.cpus()).isEmpty();
        assertThat(node0.memoryTotalBytes()).isZero();
        assertThat(node0.memoryFreeBytes()).isEqualTo(1024L * 1024);
        assertThat(node0.distances()).isEmpty();
        assertThat(topology.node(1).orElseThrow().cpus()).containsExactly(4, 5, 6, 7);
    }

    @Test
    void aVmLikeThisOneHasOneNodeAndDevicesOfUnknownLocality() {
        NumaTopology topology = read("vm-one-node");

        assertThat(topology.isNuma()).isFalse();
        assertThat(topology.nodes()).hasSize(1);
        assertThat(topology.nodes().get(0).devices()).isEmpty();
    }
}
