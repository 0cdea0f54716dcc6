package io.hwplatform.support.host;

import java.util.SortedSet;

/** CPU and node ids written as the kernel writes its lists ({@code cpulist}, {@code has_memory}): {@code 0-3,8,10-11}. */
public final class IdLists {

    private IdLists() {}

    /** @return the ids as ranges; empty for no ids */
    public static String format(SortedSet<Integer> ids) {
        StringBuilder text = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int id : ids) {
            if (previous != null && id == previous + 1) {
                previous = id;
                continue;
            }
            append(text, start, previous);
            start = id;
            previous = id;
        }
        append(text, start, previous);
        return text.toString();
    }

    private static void append(StringBuilder text, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(start);
        if (!start.equals(end)) {
            text.append('-').append(end);
        }
    }
}
