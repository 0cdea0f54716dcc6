package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.ProcFormats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads the NUMA topology from {@code /sys/devices/system/node} (quirks and all) through the configured root. */
final class TopologyReader {

    static final String NODES = "/sys/devices/system/node";
    static final String TIERS = "/sys/devices/virtual/memory_tiering";
    static final String CPUS = "/sys/devices/system/cpu";

    private final HostFiles host;
    private final DeviceLocality devices;

    TopologyReader(HostFiles host) {
        this.host = host;
        this.devices = new DeviceLocality(host);
    }

    NumaTopology read() {
        List<String> warnings = new ArrayList<>();
        List<NumaNode> nodes = nodes(warnings);
        List<NumaDevice> attached = devices.all(nodes);
        List<NumaNode> withDevices = new ArrayList<>();
        for (NumaNode node : nodes) {
            withDevices.add(node.withDevices(attached.stream().filter(device -> device.nodes().contains(node.id()))
                    .toList()));
        }
        SortedSet<Integer> possible = host.text(NODES + "/possible").map(Sysfs::list).orElseGet(TreeSet::new);
        possible.addAll(ids(nodes));
        String status = host.text("/proc/self/status").orElse("");
        return new NumaTopology("linux", withDevices, possible, attached,
                host.text(CPUS + "/offline").map(Sysfs::list).orElseGet(TreeSet::new),
                Sysfs.statusField(status, "Cpus_allowed_list").map(Sysfs::list).orElseGet(TreeSet::new),
                Sysfs.statusField(status, "Mems_allowed_list").map(Sysfs::list).orElseGet(TreeSet::new), warnings);
    }

    /** @return the nodes a device hangs on, judged from the nodes alone (no walk over every device) */
    SortedSet<Integer> nodesOf(String device) {
        return devices.nodesOf(device, nodes(new ArrayList<>()));
    }

    /** The nodes, without their devices; one node with everything on a kernel without NUMA support. */
    private List<NumaNode> nodes(List<String> warnings) {
        SortedSet<Integer> present = nodeIds();
        return present.isEmpty() ? List.of(singleNode()) : nodes(present, warnings);
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

    private List<NumaNode> nodes(SortedSet<Integer> present, List<String> warnings) {
        SortedSet<Integer> online = host.text(NODES + "/online").map(Sysfs::list).filter(ids -> !ids.isEmpty())
                .orElse(present);
        // Some architectures keep offline CPUs in the node lists; a node's CPUs are those that can run threads.
        Optional<SortedSet<Integer>> onlineCpus = host.text(CPUS + "/online").map(Sysfs::list)
                .filter(ids -> !ids.isEmpty());
        Map<Integer, Integer> tiers = tiers();
        SortedMap<Integer, SortedSet<Integer>> listed = new TreeMap<>();
        List<NumaNode> nodes = new ArrayList<>();
        for (int id : online) {
            if (!present.contains(id)) {
                continue; // listed online without a directory: nothing to read
            }
            String dir = NODES + "/node" + id;
            SortedSet<Integer> cpus = host.text(dir + "/cpulist").map(Sysfs::list)
                    .or(() -> host.text(dir + "/cpumap").map(Sysfs::cpumap)).orElse(new TreeSet<>());
            onlineCpus.ifPresent(cpus::retainAll);
            listed.put(id, cpus);
            Map<String, Long> meminfo = host.text(dir + "/meminfo").map(Sysfs::meminfo).orElse(Map.of());
            SortedMap<Integer, Integer> distances = host.text(dir + "/distance")
                    .map(row -> Sysfs.distances(row, online)).orElse(new TreeMap<>());
            nodes.add(new NumaNode(id, cpus, meminfo.getOrDefault("MemTotal", 0L),
                    meminfo.getOrDefault("MemFree", 0L), tiers.getOrDefault(id, -1), distances, List.of()));
        }
        warnings.addAll(CpuClaims.warnings(listed));
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
