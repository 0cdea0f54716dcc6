package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where one pool may put memory: a slot per node (slot 0 is unbound memory), the fallback chain per preferred node,
 * and the nodes that refused lately. Shared by all threads; each chain is computed once.
 */
final class Placement {

    /** A node that was full is tried again after this long; one that cannot be bound at all, never. */
    private static final long FULL_NODE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NEVER = Long.MAX_VALUE;

    final NumaTopology topology;
    final SortedSet<Integer> bindable;
    private final int[] slotOfNode;
    private final int[] nodeOfSlot;
    /** By first step and policy ({@link #chainIndex}), then preferred node. */
    private final Chain[][] chains = new Chain[AllocationStep.values().length * AllocationPolicy.values().length][];
    private final Map<Integer, Long> refusedUntil = new ConcurrentHashMap<>();
    /** Whether a node refused or binding is unavailable: the one volatile read the fast path makes here. */
    private volatile boolean refusals;
    private volatile String bindingUnavailable;

    Placement(NumaTopology topology, SortedSet<Integer> bindable) {
        this.topology = topology;
        this.bindable = bindable;
        SortedSet<Integer> nodes = new TreeSet<>(bindable);
        nodes.addAll(topology.online());
        this.slotOfNode = new int[nodes.isEmpty() ? 1 : nodes.last() + 1];
        this.nodeOfSlot = new int[nodes.size() + 1];
        Arrays.fill(slotOfNode, -1);
        nodeOfSlot[0] = -1;
        int slot = 1;
        for (int node : nodes) {
            slotOfNode[node] = slot;
            nodeOfSlot[slot++] = node;
        }
        for (int i = 0; i < chains.length; i++) {
            chains[i] = new Chain[slotOfNode.length];
        }
    }

    int slots() {
        return nodeOfSlot.length;
    }

    /** @return the slot of a node of the chain (-1 is unbound memory, slot 0) */
    int slot(int node) {
        return node < 0 ? 0 : slotOfNode[node];
    }

    int nodeOfSlot(int slot) {
        return nodeOfSlot[slot];
    }

    /** @param first the step the preferred node stands for (see {@link Chain#of}) */
    Chain chain(int preferred, AllocationPolicy policy, AllocationStep first) {
        if (refusals && bindingUnavailable != null) {
            return Chain.unbound(policy);
        }
        Chain[] cached = chains[chainIndex(policy, first)];
        if (preferred < 0 || preferred >= cached.length) {
            return Chain.of(preferred, policy, first, topology, bindable);
        }
        Chain chain = cached[preferred];
        if (chain == null) { // benign race: two threads may compute the same chain
            chain = Chain.of(preferred, policy, first, topology, bindable);
            cached[preferred] = chain;
        }
        return chain;
    }

    private static int chainIndex(AllocationPolicy policy, AllocationStep first) {
        return first.ordinal() * AllocationPolicy.values().length + policy.ordinal();
    }

    /** @return whether any node refused lately; when false, {@link #skip(int)} is false for every node */
    boolean anyRefusal() {
        return refusals;
    }

    /** @return whether the chain should pass over this node now */
    boolean skip(int node) {
        if (node < 0) {
            return false;
        }
        if (bindingUnavailable != null) {
            return true;
        }
        Long until = refusedUntil.get(node);
        if (until == null) {
            return false;
        }
        if (until != NEVER && System.nanoTime() > until) {
            refusedUntil.remove(node);
            return false;
        }
        return true;
    }

    /**
     * Notes that a node refused a chunk.
     *
     * @return a warning the first time the refusal shows that no node can be bound at all, else null
     */
    String refused(int node, NumaBindException refusal) {
        if (refusal.bindingUnavailable()) {
            synchronized (this) {
                refusals = true;
                if (bindingUnavailable != null) {
                    return null;
                }
                bindingUnavailable = refusal.getMessage();
            }
            return "NUMA binding is unavailable with the " + topology.backend()
                    + " backend, buffers will not be node-bound: " + refusal.getMessage();
        }
        long retry = refusal.reason() == NumaBindException.Reason.NODE_FULL
                ? System.nanoTime() + FULL_NODE_RETRY_NANOS : NEVER;
        refusedUntil.put(node, retry);
        refusals = true;
        return null;
    }

    /** @return why binding is unavailable, or null when it works */
    String bindingUnavailable() {
        return bindingUnavailable;
    }

    boolean numaAware() {
        return topology.isNuma() && bindable.size() > 1 && bindingUnavailable == null;
    }

    String failure(int size, int preferred, AllocationPolicy policy) {
        if (policy == AllocationPolicy.STRICT) {
            String why = bindingUnavailable != null ? bindingUnavailable
                    : !bindable.contains(preferred) ? "it is not a memory node this kernel can bind " + bindable
                    : "it cannot supply the memory now";
            return "no " + size + "-byte buffer on node " + preferred + " under the strict policy: " + why;
        }
        return "no memory for a " + size + "-byte buffer on any node "
                + topology.nodes().stream().map(NumaNode::id).toList();
    }
}
