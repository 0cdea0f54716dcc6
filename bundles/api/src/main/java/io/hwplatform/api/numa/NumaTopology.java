package io.hwplatform.api.numa;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The NUMA machine: its nodes and how far apart they are.
 *
 * <p>Thread-safety: immutable. A topology is a snapshot; free memory and even node sizes change (balloons, hot-plug),
 * so ask the allocator again rather than keeping one for long.
 *
 * @param backend the backend that read it, e.g. {@code linux}, {@code windows}, {@code portable}
 * @param nodes the online nodes, ascending by id
 * @param possible the node ids that could come online
 * @param devices every device whose locality was looked at, including those the platform gives no node
 * @param offlineCpus CPUs the machine has but that are offline now (not in any node's {@link NumaNode#cpus()}); empty
 *     when none or when the OS does not tell
 * @param allowedCpus the CPUs this process may run on (its affinity within its cpuset); empty when the OS does not
 *     tell
 * @param allowedNodes the nodes this process may bind memory to (its cpuset's memory nodes; the allocator never binds
 *     elsewhere); empty when the OS does not tell
 * @param warnings what the firmware got wrong, as found (e.g. CPUs that several nodes claim), for operators; the
 *     nodes are still described as the operating system describes them
 * @since 2.1 the last four components
 */
public record NumaTopology(String backend, List<NumaNode> nodes, SortedSet<Integer> possible,
        List<NumaDevice> devices, SortedSet<Integer> offlineCpus, SortedSet<Integer> allowedCpus,
        SortedSet<Integer> allowedNodes, List<String> warnings) {

    /** @throws NullPointerException when a component is null */
    public NumaTopology {
        Objects.requireNonNull(backend, "backend");
        nodes = nodes.stream().sorted(Comparator.comparingInt(NumaNode::id)).toList();
        possible = sorted(possible);
        devices = List.copyOf(devices);
        offlineCpus = sorted(offlineCpus);
        allowedCpus = sorted(allowedCpus);
        allowedNodes = sorted(allowedNodes);
        warnings = List.copyOf(warnings);
    }

    /** A topology that says nothing of offline CPUs, the process's CPUs and nodes, or firmware errors. */
    public NumaTopology(String backend, List<NumaNode> nodes, SortedSet<Integer> possible, List<NumaDevice> devices) {
        this(backend, nodes, possible, devices, new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), List.of());
    }

    /** A topology without device information. */
    public NumaTopology(String backend, List<NumaNode> nodes, SortedSet<Integer> possible) {
        this(backend, nodes, possible, List.of());
    }

    private static SortedSet<Integer> sorted(SortedSet<Integer> ids) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(ids)));
    }

    /**
     * The CPUs to run a thread on that works with a node's memory: the node's own; for a memory-only node, those of
     * the nearest nodes that have CPUs (every node at the smallest known distance).
     *
     * @return CPU ids; empty for an unknown node or when no node with CPUs is at a known distance
     * @since 2.1
     */
    public SortedSet<Integer> nearestCpus(int node) {
        Optional<NumaNode> target = node(node);
        if (target.isEmpty() || !target.get().cpus().isEmpty()) {
            return target.map(NumaNode::cpus).orElse(Collections.emptySortedSet());
        }
        int nearest = nodes.stream().filter(other -> !other.cpus().isEmpty())
                .mapToInt(other -> distance(node, other.id())).filter(distance -> distance >= 0).min().orElse(-1);
        SortedSet<Integer> cpus = new TreeSet<>();
        nodes.stream().filter(other -> nearest >= 0 && distance(node, other.id()) == nearest)
                .forEach(other -> cpus.addAll(other.cpus()));
        return Collections.unmodifiableSortedSet(cpus);
    }

    /** @return the ids of the online nodes */
    public SortedSet<Integer> online() {
        TreeSet<Integer> online = new TreeSet<>();
        nodes.forEach(node -> online.add(node.id()));
        return Collections.unmodifiableSortedSet(online);
    }

    /** @return the node with that id, if online */
    public Optional<NumaNode> node(int id) {
        return nodes.stream().filter(node -> node.id() == id).findFirst();
    }

    /** @return the distance between two nodes, or -1 when unknown */
    public int distance(int from, int to) {
        return node(from).map(node -> node.distanceTo(to)).orElse(-1);
    }

    /** @return the nodes that have memory but no CPU */
    public List<NumaNode> memoryOnlyNodes() {
        return nodes.stream().filter(NumaNode::isMemoryOnly).toList();
    }

    /** @return the nodes that have memory */
    public List<NumaNode> memoryNodes() {
        return nodes.stream().filter(NumaNode::hasMemory).toList();
    }

    /** @return whether memory placement matters here: more than one node has memory */
    public boolean isNuma() {
        return memoryNodes().size() > 1;
    }

    /**
     * The fallback order for a preferred node: every other node with memory, nearest first. Ties in distance go to
     * the faster memory tier, then to the node with more free memory, then to the lower id. When the preferred node is
     * unknown, all distances count as equal.
     *
     * @return node ids, never including {@code preferred} itself
     */
    public List<Integer> nearestTo(int preferred) {
        Comparator<NumaNode> order = Comparator
                .comparingInt((NumaNode node) -> unknownLast(distance(preferred, node.id())))
                .thenComparingInt(node -> unknownLast(node.memoryTier()))
                .thenComparing(Comparator.comparingLong(NumaNode::memoryFreeBytes).reversed())
                .thenComparingInt(NumaNode::id);
        return memoryNodes().stream().filter(node -> node.id() != preferred).sorted(order).map(NumaNode::id).toList();
    }

    private static int unknownLast(int value) {
        return value < 0 ? Integer.MAX_VALUE : value;
    }
}
