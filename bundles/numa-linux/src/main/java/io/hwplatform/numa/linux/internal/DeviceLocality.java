package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.support.host.HostFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which node a block device, NIC or PCI function hangs on: follow the device's sysfs path to the last PCI function in
 * it and read that function's {@code numa_node}. Partitions count as their disk; device-mapper and md volumes as the
 * union of their slaves; a multipath NVMe namespace as the union of its controllers; bonds and VLANs as their lower
 * devices.
 */
final class DeviceLocality {

    static final String PCI = "/sys/bus/pci/devices";
    static final String NET = "/sys/class/net";
    static final String BLOCK = "/sys/class/block";
    /** A PCI function: domain (4 or more hex digits, 5 behind Intel VMD), bus, device, function. */
    private static final Pattern BDF = Pattern.compile("[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    /** Stacked devices (dm over md over dm ...) are never this deep; the bound keeps a looped tree finite. */
    private static final int MAX_DEPTH = 8;

    private final HostFiles host;

    DeviceLocality(HostFiles host) {
        this.host = host;
    }

    /** @return every PCI function, NIC and disk, with its nodes */
    List<NumaDevice> all(List<NumaNode> nodes) {
        List<NumaDevice> devices = new ArrayList<>();
        for (String address : host.names(PCI)) {
            devices.add(new NumaDevice(address, NumaDevice.Kind.PCI, pciNodes(address, nodes)));
        }
        for (String nic : host.names(NET)) {
            if (!nic.equals("lo")) {
                devices.add(new NumaDevice(nic, NumaDevice.Kind.NET, netNodes(nic, nodes, 0)));
            }
        }
        for (String disk : host.names(BLOCK)) {
            if (!host.exists(BLOCK + "/" + disk + "/partition")) {
                devices.add(new NumaDevice(disk, NumaDevice.Kind.BLOCK, blockNodes(disk, nodes, 0)));
            }
        }
        return devices;
    }

    /**
     * @param device {@code nvme0n1}, {@code /dev/sda1}, {@code /dev/mapper/vg-data}, {@code dm-0}, {@code eth0},
     *     {@code 0000:3b:00.0} or {@code 3b:00.0}
     * @return the nodes; empty when unknown
     */
    SortedSet<Integer> nodesOf(String device, List<NumaNode> nodes) {
        String name = device.strip();
        if (name.startsWith("/dev/mapper/")) {
            return mapperDevice(name.substring("/dev/mapper/".length()))
                    .map(dm -> blockNodes(dm, nodes, 0)).orElse(new TreeSet<>());
        }
        name = name.startsWith("/dev/") ? name.substring("/dev/".length()) : name;
        if (host.exists(BLOCK + "/" + name)) {
            return blockNodes(name, nodes, 0);
        }
        if (host.exists(NET + "/" + name)) {
            return netNodes(name, nodes, 0);
        }
        String address = name.matches("[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]") ? "0000:" + name : name;
        return host.exists(PCI + "/" + address) ? pciNodes(address, nodes) : new TreeSet<>();
    }

    /**
     * {@code numa_node}, or when it is -1 (unknown) the one node whose CPUs contain the function's
     * {@code local_cpulist}, if that is a strict subset of all CPUs.
     */
    SortedSet<Integer> pciNodes(String address, List<NumaNode> nodes) {
        SortedSet<Integer> found = new TreeSet<>();
        String dir = PCI + "/" + address;
        Optional<Integer> node = host.text(dir + "/numa_node").flatMap(Sysfs::integer);
        if (node.isPresent() && node.get() >= 0) {
            found.add(node.get());
            return found;
        }
        SortedSet<Integer> local = host.text(dir + "/local_cpulist").map(Sysfs::list).orElse(new TreeSet<>());
        SortedSet<Integer> allCpus = new TreeSet<>();
        nodes.forEach(each -> allCpus.addAll(each.cpus()));
        if (!local.isEmpty() && local.size() < allCpus.size()) {
            nodes.stream().filter(each -> each.cpus().containsAll(local)).map(NumaNode::id).forEach(found::add);
        }
        return found.size() == 1 ? found : new TreeSet<>();
    }

    private SortedSet<Integer> blockNodes(String disk, List<NumaNode> nodes, int depth) {
        Optional<String> path = host.realPath(BLOCK + "/" + disk);
        if (path.isEmpty() || depth > MAX_DEPTH) {
            return new TreeSet<>();
        }
        String device = path.get();
        if (host.exists(device + "/partition")) {
            device = parent(device);
        }
        if (!device.startsWith("/sys/devices/virtual/")) {
            return lastPciFunction(device).map(address -> pciNodes(address, nodes)).orElse(new TreeSet<>());
        }
        SortedSet<Integer> union = new TreeSet<>();
        List<String> slaves = host.names(device + "/slaves");
        if (!slaves.isEmpty()) {
            slaves.forEach(slave -> union.addAll(blockNodes(slave, nodes, depth + 1)));
        } else if (device.contains("/nvme-subsystem/")) {
            String subsystem = parent(device);
            for (String controller : host.names(subsystem)) {
                if (controller.matches("nvme\\d+")) {
                    host.realPath(subsystem + "/" + controller).flatMap(DeviceLocality::lastPciFunction)
                            .ifPresent(address -> union.addAll(pciNodes(address, nodes)));
                }
            }
        }
        return union;
    }

    private SortedSet<Integer> netNodes(String nic, List<NumaNode> nodes, int depth) {
        Optional<String> path = host.realPath(NET + "/" + nic);
        if (path.isEmpty() || depth > MAX_DEPTH) {
            return new TreeSet<>();
        }
        if (!path.get().startsWith("/sys/devices/virtual/")) {
            return lastPciFunction(path.get()).map(address -> pciNodes(address, nodes)).orElse(new TreeSet<>());
        }
        SortedSet<Integer> union = new TreeSet<>();
        List<String> lower = new ArrayList<>();
        host.names(path.get()).stream().filter(entry -> entry.startsWith("lower_"))
                .forEach(entry -> lower.add(entry.substring("lower_".length())));
        host.text(path.get() + "/bonding/slaves").ifPresent(slaves -> lower.addAll(List.of(slaves.split("\\s+"))));
        lower.forEach(below -> union.addAll(netNodes(below, nodes, depth + 1)));
        return union;
    }

    private Optional<String> mapperDevice(String name) {
        return host.names(BLOCK).stream().filter(dm -> dm.startsWith("dm-"))
                .filter(dm -> host.text(BLOCK + "/" + dm + "/dm/name").filter(name::equals).isPresent())
                .findFirst();
    }

    /** @return the last PCI function in a sysfs device path: the one the device itself sits on */
    static Optional<String> lastPciFunction(String devicePath) {
        Matcher matcher = BDF.matcher(devicePath);
        String last = null;
        while (matcher.find()) {
            last = matcher.group();
        }
        return Optional.ofNullable(last);
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
