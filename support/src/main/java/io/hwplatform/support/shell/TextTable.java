package io.hwplatform.support.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns, in the style of {@code scr:list}: a header row, then one row per item,
 * columns separated by two spaces, no trailing blanks.
 */
public final class TextTable {

    private final String[] headers;
    private final boolean showHeaders;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this(true, headers);
    }

    private TextTable(boolean showHeaders, String... headers) {
        this.headers = headers.clone();
        this.showHeaders = showHeaders;
    }

    /** @return a two-column table of names and values, without a header row */
    public static TextTable keyValue() {
        return new TextTable(false, "", "");
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toArray(String[]::new));
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.length];
        for (int column = 0; column < headers.length; column++) {
            widths[column] = headers[column].length(); // "" for a key-value table
            for (String[] row : rows) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (showHeaders) {
            append(out, headers, widths);
        }
        rows.forEach(row -> append(out, row, widths));
        return out.toString();
    }

    private static void append(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            line.append(cells[column]);
            if (column < cells.length - 1) {
                line.append(" ".repeat(widths[column] - cells[column].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
