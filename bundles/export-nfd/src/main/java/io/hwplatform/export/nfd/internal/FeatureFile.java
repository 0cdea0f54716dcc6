package io.hwplatform.export.nfd.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The text of NFD's local feature file: a line per feature, {@code name[=value]}, under an
 * {@code # +expiry-time=<RFC3339>} that applies to every line after it; {@code # +no-label} before a feature that
 * should only be matched by rules. NFD ignores a file over 64 KiB, so device features that would not fit are left out
 * (labels always fit: there are few). Pure.
 */
final class FeatureFile {

    static final int MAX_BYTES = 64 * 1024;

    private FeatureFile() {}

    /**
     * @param prefix checked by {@link NfdNames#checkPrefix(String)}
     * @param expiry when NFD should drop the features unless the file is rewritten; null for never
     */
    static String render(String prefix, List<Feature> features, Instant expiry) {
        StringBuilder text = new StringBuilder("# hwplatform: written by the export-nfd bundle; rewritten on change\n");
        if (expiry != null) {
            text.append("# +expiry-time=")
                    .append(DateTimeFormatter.ISO_INSTANT.format(expiry.truncatedTo(ChronoUnit.SECONDS))).append('\n');
        }
        for (boolean labels : new boolean[] {true, false}) {
            for (Feature feature : features) {
                if (feature.label() != labels || !NfdNames.validName(feature.name())
                        || !NfdNames.validValue(feature.value())) {
                    continue;
                }
                String line = (labels ? "" : "# +no-label\n") + prefix + "/" + feature.name() + "=" + feature.value()
                        + "\n";
                if (text.length() + line.length() > MAX_BYTES) { // ASCII only: characters are bytes
                    return text.toString();
                }
                text.append(line);
            }
        }
        return text.toString();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
