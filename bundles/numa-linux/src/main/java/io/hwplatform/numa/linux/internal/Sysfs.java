package io.hwplatform.numa.linux.internal;

import io.hwplatform.support.host.ProcFormats;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The grammars of the NUMA files in sysfs. Pure functions; garbled input gives empty results, never exceptions. */
final class Sysfs {

    /** The {@code Node N } that starts every line of a node's meminfo. */
    private static final Pattern NODE_PREFIX = Pattern.compile("(?m)^\\s*Node\\s+\\d+\\s+");
    /** The kernel never prints more; anything larger is garbage, not a node or CPU id. */
    private static final int MAX_ID = 1 << 16;

    private Sysfs() {}

    /**
     * Parses a cpulist or nodelist such as {@code 0-3,8-11}. Also accepts what the kernel accepts on input:
     * whitespace, and {@code a-b:used/group} strides.
     *
     * @return the ids; empty for an empty or garbled list
     */
    static SortedSet<Integer> list(String text) {
        SortedSet<Integer> ids = new TreeSet<>();
        String list = text.strip();
        if (list.isEmpty()) {
            return ids;
        }
        try {
            for (String range : list.split("\\s*,\\s*")) {
                addRange(ids, range);
            }
        } catch (IllegalArgumentException garbled) {
            return new TreeSet<>();
        }
        return ids;
    }

    private static void addRange(SortedSet<Integer> ids, String range) {
        String[] stride = range.split(":");
        String[] bounds = stride[0].split("-");
        int first = id(bounds[0]);
        int last = bounds.length > 1 ? id(bounds[1]) : first;
        int used = 1;
        int group = 1;
        if (stride.length > 1) {
            String[] usedGroup = stride[1].split("/");
            used = id(usedGroup[0]);
            group = id(usedGroup[1]);
        }
        if (last < first || group == 0 || used > group || bounds.length > 2) {
            throw new IllegalArgumentException(range);
        }
        for (int id = first; id <= last; id++) {
            if ((id - first) % group < used) {
                ids.add(id);
            }
        }
    }

    private static int id(String text) {
        int id = Integer.parseInt(text.strip());
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException(text);
        }
        return id;
    }

    /**
     * Parses a cpumap: comma-separated 32-bit hex words, most significant first (e.g. {@code 0000,00000003}).
     *
     * @return the CPUs whose bits are set; empty when garbled
     */
    static SortedSet<Integer> cpumap(String text) {
        SortedSet<Integer> cpus = new TreeSet<>();
        String[] words = text.strip().split(",");
        try {
            for (int word = 0; word < words.length; word++) {
                long bits = Long.parseLong(words[words.length - 1 - word].strip(), 16);
                for (int bit = 0; bit < 32; bit++) {
                    if ((bits & (1L << bit)) != 0) {
                        cpus.add(word * 32 + bit);
                    }
                }
            }
        } catch (NumberFormatException garbled) {
            return new TreeSet<>();
        }
        return cpus;
    }

    /**
     * Parses a node's meminfo ({@code Node 0 MemTotal:  9267412 kB}), by key, never by line position.
     *
     * @return key to value; values with the {@code kB} unit converted to bytes, unit-less ones (HugePages_*) as is
     */
    static Map<String, Long> meminfo(String text) {
        return ProcFormats.colonSeparated(NODE_PREFIX.matcher(text).replaceAll(""));
    }

    /**
     * Maps a node's distance row onto node ids: column j is the j-th online node in ascending order, not node j.
     *
     * @return node id to distance; empty when the row is garbled; extra columns are ignored, missing ones left out
     */
    static SortedMap<Integer, Integer> distances(String row, SortedSet<Integer> online) {
        SortedMap<Integer, Integer> distances = new TreeMap<>();
        String[] columns = row.strip().split("\\s+");
        if (row.isBlank()) {
            return distances;
        }
        Integer[] ids = online.toArray(new Integer[0]);
        try {
            for (int column = 0; column < Math.min(columns.length, ids.length); column++) {
                distances.put(ids[column], Integer.parseInt(columns[column]));
            }
        } catch (NumberFormatException garbled) {
            return Collections.emptySortedMap();
        }
        return distances;
    }

    /** @return the value of a {@code /proc/<pid>/status} field such as {@code Mems_allowed_list} */
    static Optional<String> statusField(String status, String field) {
        return status.lines().filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).strip()).findFirst();
    }

    /** @return a decimal integer such as {@code numa_node} or a cpuinfo processor number; empty when garbled */
    static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException garbled) {
            return Optional.empty();
        }
    }
}
