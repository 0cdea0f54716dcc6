package io.hwplatform.support.host;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two key-value formats of procfs and sysfs, parsed by key, never by line position (keys come and go between
 * kernels). Pure functions: lines that do not fit are skipped, nothing throws.
 *
 * <p>Thread-safety: stateless.
 */
public final class ProcFormats {

    /** {@code MemTotal:       24684092 kB}, {@code HugePages_Total:       0}, {@code VmRSS:	  123456 kB}. */
    private static final Pattern COLON = Pattern.compile("^\\s*([A-Za-z0-9_()]+):\\s+(\\d+)(\\s+kB)?\\s*$");
    /** {@code nr_balloon_pages 0}, {@code high 5}. */
    private static final Pattern SPACE = Pattern.compile("^\\s*([A-Za-z0-9_]+)\\s+(\\d+)\\s*$");

    private ProcFormats() {}

    /**
     * Parses {@code Key: value [kB]} lines ({@code /proc/meminfo}, {@code /proc/self/status}, a node's meminfo after
     * its {@code Node N} prefix).
     *
     * @return key to value: values in kB converted to bytes, unit-less ones as they are
     */
    public static Map<String, Long> colonSeparated(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = COLON.matcher(line);
            if (matcher.matches()) {
                parse(matcher.group(2)).ifPresent(value ->
                        values.put(matcher.group(1), matcher.group(3) != null ? value * 1024 : value));
            }
        }
        return values;
    }

    /** Parses {@code key value} lines ({@code /proc/vmstat}, cgroup {@code memory.events}, {@code memory.stat}). */
    public static Map<String, Long> spaceSeparated(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = SPACE.matcher(line);
            if (matcher.matches()) {
                parse(matcher.group(2)).ifPresent(value -> values.put(matcher.group(1), value));
            }
        }
        return values;
    }

    private static java.util.Optional<Long> parse(String digits) {
        try {
            return java.util.Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return java.util.Optional.empty();
        }
    }
}
