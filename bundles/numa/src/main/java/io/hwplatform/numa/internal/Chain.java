package io.hwplatform.numa.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fallback chain for one preferred node: the preferred node, the nearest nodes the kernel can bind, then unbound
 * memory. Pure: computed from a topology snapshot and the bindable nodes.
 *
 * @param nodes node ids in order; -1 stands for unbound memory
 * @param steps the step each entry stands for
 */
record Chain(int[] nodes, AllocationStep[] steps) {

    /**
     * @param first the step the preferred node stands for: {@link AllocationStep#PREFERRED} when the caller named it,
     *     {@link AllocationStep#DEVICE} or {@link AllocationStep#LOCAL} when it came from a device or the thread
     */
    static Chain of(int preferred, AllocationPolicy policy, AllocationStep first, NumaTopology topology,
            Set<Integer> bindable) {
        List<Integer> nodes = new ArrayList<>();
        List<AllocationStep> steps = new ArrayList<>();
        if (bindable.contains(preferred)) {
            nodes.add(preferred);
            steps.add(first);
        }
        if (policy == AllocationPolicy.FALLBACK) {
            for (int nearest : topology.nearestTo(preferred)) {
                if (bindable.contains(nearest)) {
                    nodes.add(nearest);
                    steps.add(AllocationStep.NEAREST);
                }
            }
            for (int other : bindable) { // bindable nodes the (possibly captured) topology does not show
                if (other != preferred && !nodes.contains(other)) {
                    nodes.add(other);
                    steps.add(AllocationStep.NEAREST);
                }
            }
            nodes.add(-1);
            steps.add(AllocationStep.ANY);
        }
        return new Chain(nodes.stream().mapToInt(Integer::intValue).toArray(), steps.toArray(new AllocationStep[0]));
    }

    private static final Chain UNBOUND = new Chain(new int[] {-1}, new AllocationStep[] {AllocationStep.ANY});
    private static final Chain NOTHING = new Chain(new int[0], new AllocationStep[0]);

    /** The chain when no node can be bound at all: unbound memory, or nothing under the strict policy. */
    static Chain unbound(AllocationPolicy policy) {
        return policy == AllocationPolicy.STRICT ? NOTHING : UNBOUND;
    }
}
