package io.hwplatform.support.shell;

import java.util.Locale;

/** Sizes as operators type them ({@code 4096}, {@code 64k}, {@code 600m}, {@code 2g}) and as they read them. */
public final class Sizes {

    private Sizes() {}

    /**
     * @return the size in bytes
     * @throws IllegalArgumentException when the text is not a size, with the forms accepted
     */
    public static long parse(String text) {
        String size = text.strip().toLowerCase(Locale.ROOT).replaceFirst("(?<=[kmgt])i?b$", ""); // 64kib, 600mb
        int shift = 0;
        if (!size.isEmpty()) {
            switch (size.charAt(size.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        try {
            long value = Long.parseLong(digits);
            if (value < 0 || value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use bytes or a k, m, g or t suffix: 64k, 600m)");
        }
    }

    /** @return the size for people: {@code 600 MiB}, {@code 1.5 GiB}, {@code 512 B} */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
