package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.ProcFormats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads the NUMA topology from {@code /sys/devices/system/node} (quirks and all) through the configured root. */
final class TopologyReader {

    static final String NODES = "/sys/devices/system/node";
    static final String TIERS = "/sys/devices/virtual/memory_tiering";

    private final HostFiles host;
    private final DeviceLocality devices;

    TopologyReader(HostFiles host) {
        this.host = host;
        this.devices = new DeviceLocality(host);
    }

    NumaTopology read() {
        List<NumaNode> nodes = nodes();
        List<NumaDevice> attached = devices.all(nodes);
        List<NumaNode> withDevices = new ArrayList<>();
        for (NumaNode node : nodes) {
            withDevices.add(node.withDevices(attached.stream().filter(device -> device.nodes().contains(node.id()))
                    .toList()));
        }
        SortedSet<Integer> possible = host.text(NODES + "/possible").map(Sysfs::list).orElseGet(TreeSet::new);
        possible.addAll(ids(nodes));
        return new NumaTopology("linux", withDevices, possible, attached);
    }

    /** @return the nodes a device hangs on, judged from the nodes alone (no walk over every device) */
    SortedSet<Integer> nodesOf(String device) {
        return devices.nodesOf(device, nodes());
    }

    /** The nodes, without their devices; one node with everything on a kernel without NUMA support. */
    private List<NumaNode> nodes() {
        SortedSet<Integer> present = nodeIds();
        return present.isEmpty() ? List.of(singleNode()) : nodes(present);
    }

    /** The node ids that have a {@code nodeN} directory. */
    private SortedSet<Integer> nodeIds() {
        SortedSet<Integer> ids = new TreeSet<>();
        for (String entry : host.names(NODES)) {
            if (entry.matches("node\\d+")) {
                ids.add(Integer.parseInt(entry.substring(4)));
            }
        }
        return ids;
    }

    private List<NumaNode> nodes(SortedSet<Integer> present) {
        SortedSet<Integer> online = host.text(NODES + "/online").map(Sysfs::list).filter(ids -> !ids.isEmpty())
                .orElse(present);
        Map<Integer, Integer> tiers = tiers();
        Set<Integer> claimedCpus = new HashSet<>();
        List<NumaNode> nodes = new ArrayList<>();
        for (int id : online) {
            if (!present.contains(id)) {
                continue; // listed online without a directory: nothing to read
            }
            String dir = NODES + "/node" + id;
            SortedSet<Integer> cpus = host.text(dir + "/cpulist").map(Sysfs::list)
                    .or(() -> host.text(dir + "/cpumap").map(Sysfs::cpumap)).orElse(new TreeSet<>());
            cpus.removeIf(cpu -> !claimedCpus.add(cpu)); // buggy firmware gives several nodes the same CPUs
            Map<String, Long> meminfo = host.text(dir + "/meminfo").map(Sysfs::meminfo).orElse(Map.of());
            SortedMap<Integer, Integer> distances = host.text(dir + "/distance")
                    .map(row -> Sysfs.distances(row, online)).orElse(new TreeMap<>());
            nodes.add(new NumaNode(id, cpus, meminfo.getOrDefault("MemTotal", 0L),
                    meminfo.getOrDefault("MemFree", 0L), tiers.getOrDefault(id, -1), distances, List.of()));
        }
        return nodes;
    }

    /** {@code memory_tierN/nodelist}: node id to tier N. */
    private Map<Integer, Integer> tiers() {
        Map<Integer, Integer> tiers = new HashMap<>();
        for (String tier : host.names(TIERS)) {
            if (tier.matches("memory_tier\\d+")) {
                int number = Integer.parseInt(tier.substring("memory_tier".length()));
                host.text(TIERS + "/" + tier + "/nodelist").map(Sysfs::list)
                        .ifPresent(ids -> ids.forEach(id -> tiers.put(id, number)));
            }
        }
        return tiers;
    }

    /** A kernel without NUMA support: one node 0 with every CPU and all memory. */
    private NumaNode singleNode() {
        SortedSet<Integer> cpus = host.text("/sys/devices/system/cpu/online").map(Sysfs::list)
                .filter(list -> !list.isEmpty()).orElseGet(this::cpusFromCpuinfo);
        Map<String, Long> meminfo = host.text("/proc/meminfo").map(ProcFormats::colonSeparated).orElse(Map.of());
        return new NumaNode(0, cpus, meminfo.getOrDefault("MemTotal", 0L), meminfo.getOrDefault("MemFree", 0L), -1,
                new TreeMap<>(Map.of(0, NumaNode.LOCAL_DISTANCE)), List.of());
    }

    private SortedSet<Integer> cpusFromCpuinfo() {
        SortedSet<Integer> cpus = new TreeSet<>();
        host.text("/proc/cpuinfo").ifPresent(cpuinfo -> cpuinfo.lines()
                .filter(line -> line.startsWith("processor"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .forEach(id -> Sysfs.integer(id).ifPresent(cpus::add)));
        return cpus;
    }

    private static SortedSet<Integer> ids(List<NumaNode> nodes) {
        SortedSet<Integer> ids = new TreeSet<>();
        nodes.forEach(node -> ids.add(node.id()));
        return ids;
    }
}
