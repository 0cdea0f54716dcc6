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
 */
public record NumaTopology(String backend, List<NumaNode> nodes, SortedSet<Integer> possible,
        List<NumaDevice> devices) {

    /** @throws NullPointerException when a component is null */
    public NumaTopology {
        Objects.requireNonNull(backend, "backend");
        nodes = nodes.stream().sorted(Comparator.comparingInt(NumaNode::id)).toList();
        possible = Collections.unmodifiableSortedSet(new TreeSet<>(possible));
        devices = List.copyOf(devices);
    }

    /** A topology without device information. */
    public NumaTopology(String backend, List<NumaNode> nodes, SortedSet<Integer> possible) {
        this(backend, nodes, possible, List.of());
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
