package io.hwplatform.support.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFormatsTest {

    @Test
    void colonSeparatedByKeyWithKilobytesAsBytes() {
        assertThat(ProcFormats.colonSeparated("MemTotal:       24684092 kB\nMemFree:  100 kB\nHugePages_Total:       4\n"
                + "Balloon:               0 kB\nVmRSS:\t  123456 kB\nName:\tjava\nGarbage: lots kB\n"))
                .containsEntry("MemTotal", 24684092L * 1024).containsEntry("HugePages_Total", 4L)
                .containsEntry("Balloon", 0L).containsEntry("VmRSS", 123456L * 1024)
                .doesNotContainKeys("Name", "Garbage");
    }

    @Test
    void spaceSeparatedCounters() {
        assertThat(ProcFormats.spaceSeparated("nr_balloon_pages 17\nballoon_inflate 3\nlow 0\nhigh 5\nbad x\n"))
                .containsEntry("nr_balloon_pages", 17L).containsEntry("high", 5L).doesNotContainKey("bad");
    }

    @Test
    void tooLargeOrEmptyInputIsSkipped() {
        assertThat(ProcFormats.spaceSeparated("huge 99999999999999999999999\n")).isEmpty();
        assertThat(ProcFormats.colonSeparated("")).isEmpty();
    }
}
