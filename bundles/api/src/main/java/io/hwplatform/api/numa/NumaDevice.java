package io.hwplatform.api.numa;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A device and the NUMA node(s) it hangs on.
 *
 * @param name what users call it: a PCI address ({@code 0000:3b:00.0}), a NIC ({@code eth0}) or a block device
 *     ({@code nvme0n1})
 * @param kind what sort of device it is
 * @param nodes the nodes it is attached to; empty when the platform does not say (PCI {@code numa_node} of -1); more
 *     than one for a device-mapper volume over several disks or a multipath NVMe namespace
 */
public record NumaDevice(String name, Kind kind, SortedSet<Integer> nodes) {

    /** The kinds of device whose locality is reported. */
    public enum Kind { PCI, NET, BLOCK }

    /** @throws NullPointerException when a component is null */
    public NumaDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        nodes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
    }
}
