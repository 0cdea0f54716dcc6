package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.host.ProcFormats;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the kernel shows of the balloon at one moment, from the texts of {@code /proc/meminfo}, {@code /proc/vmstat}
 * and Xen's {@code xen_memory0} files. Pure.
 *
 * @param memTotal MemTotal in bytes (0 when unreadable)
 * @param memAvailable MemAvailable in bytes (0 when unreadable)
 * @param balloon bytes in the balloon where the kernel counts them: {@code Balloon:} (Linux 6.15+),
 *     {@code nr_balloon_pages}, or the balloon-compaction events {@code balloon_inflate - balloon_deflate} (virtio and
 *     VMware on older kernels); else empty
 * @param xenTarget the Xen balloon's target allocation, bytes
 * @param xenCurrent the Xen balloon's current allocation, bytes
 */
record BalloonReading(long memTotal, long memAvailable, OptionalLong balloon, OptionalLong xenTarget,
        OptionalLong xenCurrent) {

    static final long PAGE = 4096;

    static BalloonReading parse(String meminfo, String vmstat, String xenTargetKb, String xenCurrentKb) {
        Map<String, Long> memory = ProcFormats.colonSeparated(meminfo);
        Map<String, Long> counters = ProcFormats.spaceSeparated(vmstat);
        OptionalLong balloon;
        if (memory.containsKey("Balloon")) {
            balloon = OptionalLong.of(memory.get("Balloon"));
        } else if (counters.containsKey("nr_balloon_pages")) {
            balloon = OptionalLong.of(counters.get("nr_balloon_pages") * PAGE);
        } else if (counters.containsKey("balloon_inflate") && counters.containsKey("balloon_deflate")) {
            balloon = OptionalLong.of(Math.max(0, counters.get("balloon_inflate") - counters.get("balloon_deflate")) * PAGE);
        } else {
            balloon = OptionalLong.empty();
        }
        return new BalloonReading(memory.getOrDefault("MemTotal", 0L), memory.getOrDefault("MemAvailable", 0L),
                balloon, kilobytes(xenTargetKb), kilobytes(xenCurrentKb));
    }

    private static OptionalLong kilobytes(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.strip()) * 1024);
        } catch (NumberFormatException garbled) {
            return OptionalLong.empty();
        }
    }
}
