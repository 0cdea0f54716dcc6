package io.hwplatform.memory.linux.internal;

import io.hwplatform.support.host.ProcFormats;
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

    /** The page size when nothing tells another: x86's, and most arm64 and POWER distributions' default. */
    static final long DEFAULT_PAGE = 4096;

    /**
     * @param pageBytes the kernel's page size: the vmstat counters count pages, and a 64 KiB-page arm64 or POWER
     *     kernel's balloon is 16 times what 4 KiB pages would make it
     */
    static BalloonReading parse(String meminfo, String vmstat, String xenTargetKb, String xenCurrentKb,
            long pageBytes) {
        Map<String, Long> memory = ProcFormats.colonSeparated(meminfo);
        Map<String, Long> counters = ProcFormats.spaceSeparated(vmstat);
        OptionalLong balloon;
        if (memory.containsKey("Balloon")) {
            balloon = OptionalLong.of(memory.get("Balloon"));
        } else if (counters.containsKey("nr_balloon_pages")) {
            balloon = OptionalLong.of(counters.get("nr_balloon_pages") * pageBytes);
        } else if (counters.containsKey("balloon_inflate") && counters.containsKey("balloon_deflate")) {
            balloon = OptionalLong.of(
                    Math.max(0, counters.get("balloon_inflate") - counters.get("balloon_deflate")) * pageBytes);
        } else {
            balloon = OptionalLong.empty();
        }
        return new BalloonReading(memory.getOrDefault("MemTotal", 0L), memory.getOrDefault("MemAvailable", 0L),
                balloon, kilobytes(xenTargetKb), kilobytes(xenCurrentKb));
    }

    /**
     * @param smaps a {@code /proc/<pid>/smaps} text
     * @return the first mapping's {@code KernelPageSize} in bytes, or empty when the text does not say
     */
    static OptionalLong kernelPageSize(String smaps) {
        return smaps.lines().filter(line -> line.startsWith("KernelPageSize:")).findFirst()
                .map(line -> line.substring("KernelPageSize:".length()).strip())
                .filter(value -> value.matches("\\d{1,9} kB"))
                .map(value -> OptionalLong.of(Long.parseLong(value.substring(0, value.length() - 3)) * 1024))
                .orElse(OptionalLong.empty());
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
