package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NumaBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The node that serves a device, for one pool: the device's nodes as the backend reads them, kept a few seconds (a
 * storage engine asks for every buffer; locality changes only when devices come and go), and the choice among them.
 */
final class DeviceNodes {

    static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Device names are the caller's strings: a bound keeps one that invents names from growing the map. */
    static final int MAX_DEVICES = 1024;

    /** @param step what the node stands for: the device's ({@code DEVICE}), the thread's ({@code LOCAL}) or neither */
    record Choice(int node, AllocationStep step) {}

    private record Known(SortedSet<Integer> nodes, long readAt) {}

    private final NumaBackend backend;
    private final Placement placement;
    private final LongSupplier clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    DeviceNodes(NumaBackend backend, Placement placement, LongSupplier clock) {
        this.backend = backend;
        this.placement = placement;
        this.clock = clock;
    }

    Choice choose(String device) {
        SortedSet<Integer> nodes = nodesOf(device);
        int current = nodes.size() == 1 ? -1 : backend.currentNode(); // a system call only when it matters
        return choose(nodes, current, placement.topology, placement.bindable);
    }

    /** @return how many devices are kept */
    int size() {
        return known.size();
    }

    private SortedSet<Integer> nodesOf(String device) {
        Objects.requireNonNull(device, "device");
        long now = clock.getAsLong();
        Known entry = known.get(device);
        if (entry == null || now - entry.readAt() > KEEP_NANOS) {
            if (known.size() >= MAX_DEVICES) {
                known.clear();
            }
            entry = new Known(backend.nodesOf(device), now);
            known.put(device, entry);
        }
        return entry.nodes();
    }

    /**
     * Pure: the device's one node; among several, the first bindable one in the chain's own order from the thread's
     * node ({@link NumaTopology#nearestTo}: distance, then memory tier, then free memory), else the lowest; with none,
     * the thread's node; with that unknown too, the node the chain would pick without a preference.
     *
     * @param current the calling thread's node, -1 when unknown
     */
    static Choice choose(SortedSet<Integer> deviceNodes, int current, NumaTopology topology, Set<Integer> bindable) {
        if (deviceNodes.size() == 1) {
            return new Choice(deviceNodes.first(), AllocationStep.DEVICE);
        }
        if (!deviceNodes.isEmpty()) {
            List<Integer> nearestFirst = new ArrayList<>();
            if (current >= 0) {
                nearestFirst.add(current);
            }
            nearestFirst.addAll(topology.nearestTo(current));
            int node = nearestFirst.stream().filter(deviceNodes::contains).filter(bindable::contains).findFirst()
                    .orElse(deviceNodes.first());
            return new Choice(node, AllocationStep.DEVICE);
        }
        if (current >= 0) {
            return new Choice(current, AllocationStep.LOCAL);
        }
        List<Integer> any = topology.nearestTo(-1);
        return new Choice(any.isEmpty() ? 0 : any.get(0), AllocationStep.NEAREST);
    }
}
