package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which node serves a device: its own, the nearest of several, the thread's, or the chain's first without either. */
class DeviceNodesTest {

    /** Four nodes in a ring (0-1-2-3), node 3 with the most free memory. */
    private static final NumaTopology RING = new NumaTopology("fake", List.of(
            node(0, 100, "10 20 30 20"), node(1, 100, "20 10 20 30"), node(2, 100, "30 20 10 20"),
            node(3, 900, "20 30 20 10")), new TreeSet<>(Set.of(0, 1, 2, 3)));
    private static final Set<Integer> ALL = Set.of(0, 1, 2, 3);

    @Test
    void aDeviceOnOneNodeIsServedThere() {
        assertThat(DeviceNodes.choose(nodes(2), 0, RING, ALL))
                .isEqualTo(new DeviceNodes.Choice(2, AllocationStep.DEVICE));
    }

    @Test
    void aDeviceOnSeveralNodesIsServedByTheOneNearestTheThread() {
        assertThat(DeviceNodes.choose(nodes(0, 2), 1, RING, ALL).node()).as("both 20 from node 1: the lower id")
                .isZero();
        assertThat(DeviceNodes.choose(nodes(0, 2), 2, RING, ALL).node()).isEqualTo(2);
        assertThat(DeviceNodes.choose(nodes(1, 3), 0, RING, ALL).node()).as("a tie in distance: more free memory")
                .isEqualTo(3);
        assertThat(DeviceNodes.choose(nodes(1, 3), -1, RING, ALL).node()).as("thread unknown: more free memory")
                .isEqualTo(3);
        assertThat(DeviceNodes.choose(nodes(0, 2), 0, RING, Set.of(1, 2, 3)).node())
                .as("a node that cannot be bound comes last, however near").isEqualTo(2);
    }

    @Test
    void anUnknownDeviceIsServedOnTheThreadsNode() {
        assertThat(DeviceNodes.choose(nodes(), 3, RING, ALL)).isEqualTo(new DeviceNodes.Choice(3, AllocationStep.LOCAL));
    }

    @Test
    void withTheThreadsNodeUnknownTooTheChainChoosesAndSaysNearest() {
        assertThat(DeviceNodes.choose(nodes(), -1, RING, ALL))
                .isEqualTo(new DeviceNodes.Choice(3, AllocationStep.NEAREST));
        assertThat(DeviceNodes.choose(nodes(), -1, new NumaTopology("none", List.of(), new TreeSet<>()), Set.of()))
                .isEqualTo(new DeviceNodes.Choice(0, AllocationStep.NEAREST));
    }

    @Test
    void deviceLocalityIsReadOnceForAFewSecondsAndTheMapStaysBounded() {
        FakeBackend backend = new FakeBackend("fake", "10 21", "21 10");
        AtomicLong now = new AtomicLong();
        DeviceNodes devices = new DeviceNodes(backend, new Placement(backend.topology(), backend.bindableNodes()),
                now::get);

        devices.choose("nvme0n1");
        devices.choose("nvme0n1");
        assertThat(backend.deviceReads).hasValue(1);
        now.addAndGet(DeviceNodes.KEEP_NANOS + 1);
        assertThat(devices.choose("nvme0n1").node()).isEqualTo(1);
        assertThat(backend.deviceReads).as("read again once stale").hasValue(2);

        for (int i = 0; i < 3 * DeviceNodes.MAX_DEVICES; i++) {
            devices.choose("invented" + i);
        }
        assertThat(devices.size()).isLessThanOrEqualTo(DeviceNodes.MAX_DEVICES);
    }

    private static SortedSet<Integer> nodes(Integer... ids) {
        return new TreeSet<>(List.of(ids));
    }

    private static NumaNode node(int id, long freeMiB, String distances) {
        TreeMap<Integer, Integer> row = new TreeMap<>();
        String[] values = distances.split(" ");
        for (int to = 0; to < values.length; to++) {
            row.put(to, Integer.parseInt(values[to]));
        }
        return new NumaNode(id, new TreeSet<>(Set.of(id)), 1L << 40, freeMiB << 20, 4, row, List.of());
    }
}
