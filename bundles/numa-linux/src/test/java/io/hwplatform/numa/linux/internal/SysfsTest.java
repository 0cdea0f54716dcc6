package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SysfsTest {

    @Test
    void listsAsTheKernelPrintsThem() {
        assertThat(Sysfs.list("0-3,8-11")).containsExactly(0, 1, 2, 3, 8, 9, 10, 11);
        assertThat(Sysfs.list("0-2,33-34,45,72-73")).containsExactly(0, 1, 2, 33, 34, 45, 72, 73);
        assertThat(Sysfs.list("1\n")).containsExactly(1);
        assertThat(Sysfs.list("")).isEmpty();
    }

    @Test
    void listsAsTheKernelAcceptsThemOnInput() {
        assertThat(Sysfs.list(" 0-7:2/4 , 9 ")).containsExactly(0, 1, 4, 5, 9);
    }

    @Test
    void garbledListsAreEmpty() {
        assertThat(Sysfs.list("3-1")).isEmpty();
        assertThat(Sysfs.list("0-x")).isEmpty();
        assertThat(Sysfs.list("-5")).isEmpty();
        assertThat(Sysfs.list("0-99999999")).isEmpty();
    }

    @Test
    void cpumapWordsAreMostSignificantFirst() {
        assertThat(Sysfs.cpumap("03")).containsExactly(0, 1);
        assertThat(Sysfs.cpumap("00000001,80000000")).containsExactly(31, 32);
        assertThat(Sysfs.cpumap("zz")).isEmpty();
    }

    @Test
    void meminfoByKeyWithKilobytesAsBytes() {
        Map<String, Long> meminfo = Sysfs.meminfo("Node 0 MemTotal:       9267412 kB\n"
                + "Node 0 MemFree:        5000000 kB\nNode 0 Active(anon):       512 kB\nNode 0 HugePages_Total:     4\n"
                + "Node 0 Garbage:    lots kB\n");

        assertThat(meminfo).containsEntry("MemTotal", 9267412L * 1024).containsEntry("MemFree", 5000000L * 1024)
                .containsEntry("Active(anon)", 512L * 1024).containsEntry("HugePages_Total", 4L)
                .doesNotContainKey("Garbage");
    }

    @Test
    void distanceColumnsFollowTheOnlineIdsNotPositions() {
        TreeSet<Integer> online = new TreeSet<>(Sysfs.list("0-2,33-34,45,72-73"));

        assertThat(Sysfs.distances("22 16 16 10 16 16 22 22", online))
                .containsEntry(33, 10).containsEntry(0, 22).containsEntry(73, 22).hasSize(8);
    }

    @Test
    void distanceRowsWithExtraOrMissingColumns() {
        TreeSet<Integer> online = new TreeSet<>(Sysfs.list("0-1"));
        assertThat(Sysfs.distances("10 20 30", online)).containsOnlyKeys(0, 1);
        assertThat(Sysfs.distances("10", online)).containsOnlyKeys(0);
        assertThat(Sysfs.distances("10 x", online)).isEmpty();
        assertThat(Sysfs.distances("", online)).isEmpty();
    }

    @Test
    void statusField() {
        assertThat(Sysfs.statusField("Name:\tjava\nMems_allowed_list:\t0-1\n", "Mems_allowed_list")).contains("0-1");
    }
}
