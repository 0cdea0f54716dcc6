package io.hwplatform.numa.linux.internal;

import io.hwplatform.support.host.IdLists;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the nodes' CPU lists say together. A CPU belongs to one node; firmware whose affinity table (ACPI SRAT) is
 * wrong makes several nodes list the same CPUs, or every node list every CPU. That is reported as found, not mended:
 * which node is right cannot be told from here.
 */
final class CpuClaims {

    private CpuClaims() {}

    /**
     * @param cpusByNode each node's CPUs as the kernel lists them
     * @return one warning per group of CPUs that the same nodes claim, or one for the whole machine when every node
     *     claims the same CPUs; empty when the lists are disjoint
     */
    static List<String> warnings(SortedMap<Integer, SortedSet<Integer>> cpusByNode) {
        SortedMap<Integer, SortedSet<Integer>> claimants = new TreeMap<>();
        cpusByNode.forEach((node, cpus) -> cpus.forEach(cpu -> claimants.computeIfAbsent(cpu, any -> new TreeSet<>())
                .add(node)));
        claimants.values().removeIf(nodes -> nodes.size() < 2);
        if (claimants.isEmpty()) {
            return List.of();
        }
        if (cpusByNode.size() > 1 && new HashSet<>(cpusByNode.values()).size() == 1) {
            return List.of("every node lists the same CPUs (" + IdLists.format(cpusByNode.get(cpusByNode.firstKey()))
                    + "): the firmware does not tell which CPU is on which node; shown as the kernel lists them");
        }
        Map<SortedSet<Integer>, SortedSet<Integer>> cpusByClaimants = new LinkedHashMap<>();
        claimants.forEach((cpu, nodes) -> cpusByClaimants.computeIfAbsent(nodes, any -> new TreeSet<>()).add(cpu));
        List<String> warnings = new ArrayList<>();
        cpusByClaimants.forEach((nodes, cpus) -> warnings.add("CPUs " + IdLists.format(cpus) + " are listed by nodes "
                + IdLists.format(nodes) + ": the firmware's CPU lists overlap; shown as the kernel lists them"));
        return warnings;
    }
}
