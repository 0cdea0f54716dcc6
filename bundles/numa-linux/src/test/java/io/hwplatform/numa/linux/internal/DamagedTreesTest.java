package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.testsupport.Cases;
import io.hwplatform.testsupport.TreeDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The NUMA fixture trees, damaged in every way {@link TreeDamage} knows and renumbered with sparse node ids up to
 * 1023 (cases generated from a seed, see {@link Cases}): reading the topology and every device's locality never
 * throws, ends quickly, and gives node ids within the kernel's range.
 */
class DamagedTreesTest {

    private static final Path TREES = Path.of("src/test/trees");
    /** The kernel numbers nodes below MAX_NUMNODES, at most 1024. */
    private static final int MAX_NODE = 1023;

    @Test
    void damageNeverEscapesTheTopologyOrDeviceReaders() {
        List<String> trees = trees();
        int cases = Cases.check(400, random -> {
            String tree = trees.get(random.nextInt(trees.size()));
            TreeDamage damage = TreeDamage.any(random);
            Path root = Files.createTempDirectory("damaged-numa-");
            try {
                TreeDamage.copyTree(TREES.resolve(tree), root);
                List<String> devices = devices(root);
                String damaged = damage.applyTo(root);
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readEverything(root, devices),
                        () -> tree + " with " + damage + " on " + damaged + " did not end");
            } finally {
                TreeDamage.deleteRecursively(root);
            }
        });
        System.out.println("damaged NUMA trees through the topology and device readers: " + cases + " cases");
    }

    @Test
    void sparseNodeIdsUpToTheKernelsLimitAreReadAsTheyAre() {
        int cases = Cases.check(100, random -> {
            Path root = Files.createTempDirectory("sparse-numa-");
            try {
                TreeDamage.copyTree(TREES.resolve("two-sockets"), root);
                int[] ids = renumber(root, random);

                NumaTopology topology = new TopologyReader(new HostFiles(HostRoot.of(root.toString()))).read();

                assertThat(topology.online()).containsExactlyInAnyOrder(ids[0], ids[1]);
                assertThat(topology.nodes()).extracting(NumaNode::id).containsExactlyInAnyOrder(ids[0], ids[1]);
                assertThat(topology.node(ids[0]).orElseThrow().cpus()).isNotEmpty();
            } finally {
                TreeDamage.deleteRecursively(root);
            }
        });
        System.out.println("renumbered NUMA trees: " + cases + " cases");
    }

    private static void readEverything(Path root, List<String> devices) {
        HostFiles host = new HostFiles(HostRoot.of(root.toString()));
        NumaTopology topology = new TopologyReader(host).read();
        for (NumaNode node : topology.nodes()) {
            assertThat(node.id()).isBetween(0, MAX_NODE);
            assertThat(node.cpus()).allSatisfy(cpu -> assertThat(cpu).isNotNegative());
            assertThat(node.memoryTotalBytes()).isGreaterThanOrEqualTo(-1);
        }
        assertThat(topology.online()).allSatisfy(id -> assertThat(id).isBetween(0, MAX_NODE));
        DeviceLocality locality = new DeviceLocality(host);
        for (String device : devices) {
            assertThat(locality.nodesOf(device, topology.nodes()))
                    .allSatisfy(id -> assertThat(id).isBetween(0, MAX_NODE));
        }
    }

    /** Gives the two nodes of a tree random ids up to 1023 everywhere the tree names them. */
    private static int[] renumber(Path root, Random random) throws IOException {
        int first = random.nextInt(MAX_NODE);
        int second = first + 1 + random.nextInt(MAX_NODE - first);
        Path nodes = root.resolve("sys/devices/system/node");
        Path temporary = nodes.resolve("renumbering");
        Files.move(nodes.resolve("node1"), temporary);
        Files.move(nodes.resolve("node0"), nodes.resolve("node" + first));
        Files.move(temporary, nodes.resolve("node" + second));
        for (String list : List.of("online", "possible", "has_memory", "has_cpu", "has_normal_memory")) {
            Path file = nodes.resolve(list);
            if (Files.exists(file)) {
                Files.writeString(file, first + "," + second + "\n");
            }
        }
        return new int[] {first, second};
    }

    private static List<String> devices(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        for (String folder : List.of("sys/class/block", "sys/class/net", "sys/bus/pci/devices")) {
            Path directory = root.resolve(folder);
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    entries.map(path -> path.getFileName().toString()).forEach(names::add);
                }
            }
        }
        names.addAll(List.of("/dev/mapper/vg-data", "nosuch0", "../../etc", ""));
        return names;
    }

    private static List<String> trees() {
        try (Stream<Path> trees = Files.list(TREES)) {
            return trees.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
