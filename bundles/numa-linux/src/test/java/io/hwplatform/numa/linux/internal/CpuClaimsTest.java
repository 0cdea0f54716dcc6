package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CpuClaimsTest {

    private static final String OVERLAP = ": the firmware's CPU lists overlap; shown as the kernel lists them";

    @Test
    void disjointListsWarnOfNothing() {
        assertThat(CpuClaims.warnings(claims(Map.of(0, List.of(0, 1), 1, List.of(2, 3))))).isEmpty();
        assertThat(CpuClaims.warnings(claims(Map.of(0, List.of(0, 1))))).isEmpty();
    }

    @Test
    void eachGroupOfSharedCpusIsNamedWithItsNodes() {
        assertThat(CpuClaims.warnings(claims(Map.of(0, List.of(0, 1, 2), 1, List.of(2, 3), 2, List.of(3, 9)))))
                .containsExactly("CPUs 2 are listed by nodes 0-1" + OVERLAP, "CPUs 3 are listed by nodes 1-2" + OVERLAP);
    }

    private static TreeMap<Integer, SortedSet<Integer>> claims(Map<Integer, List<Integer>> lists) {
        TreeMap<Integer, SortedSet<Integer>> claims = new TreeMap<>();
        lists.forEach((node, cpus) -> claims.put(node, new TreeSet<>(cpus)));
        return claims;
    }
}
