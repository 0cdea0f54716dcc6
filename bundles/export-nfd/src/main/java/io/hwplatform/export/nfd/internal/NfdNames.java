package io.hwplatform.export.nfd.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Node Feature Discovery's rules for a feature file's names and values (NFD v0.14+): a name is {@code prefix/name},
 * the name at most 63 characters {@code [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?}, the prefix a DNS subdomain and not
 * {@code kubernetes.io}'s; a value the same class of at most 63 characters, or empty. Pure.
 */
final class NfdNames {

    static final int MAX_NAME = 63;
    static final int MAX_VALUE = 63;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern INVALID_RUN = Pattern.compile("[^-A-Za-z0-9_.]+");

    private NfdNames() {}

    /**
     * @return the prefix, if NFD accepts it for labels
     * @throws IllegalArgumentException when it is no DNS subdomain, or is {@code kubernetes.io} or below it (NFD denies
     *     those)
     */
    static String checkPrefix(String prefix) {
        String lower = prefix.strip().toLowerCase(Locale.ROOT);
        boolean subdomain = !lower.isEmpty() && lower.length() <= 253
                && Arrays.stream(lower.split("\\.", -1)).allMatch(label -> label.length() <= 63
                        && DNS_LABEL.matcher(label).matches());
        if (!subdomain) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is not a DNS subdomain");
        }
        if (lower.equals("kubernetes.io") || lower.endsWith(".kubernetes.io") || lower.equals("k8s.io")
                || lower.endsWith(".k8s.io")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is reserved by Kubernetes; NFD denies it");
        }
        return lower;
    }

    static boolean validName(String name) {
        return name.length() <= MAX_NAME && VALID.matcher(name).matches();
    }

    static boolean validValue(String value) {
        return value.isEmpty() || value.length() <= MAX_VALUE && VALID.matcher(value).matches();
    }

    /**
     * Makes any text a valid name or value: runs of other characters (spaces, commas, colons, slashes) become one
     * {@code _}, the ends are trimmed to letters and digits, and it is cut to {@code max} characters.
     *
     * @return the sanitised text; empty when nothing of it is left
     */
    static String sanitise(String text, int max) {
        String replaced = INVALID_RUN.matcher(text).replaceAll("_");
        String cut = replaced.length() > max ? replaced.substring(0, max) : replaced;
        int start = 0;
        int end = cut.length();
        while (start < end && !Character.isLetterOrDigit(cut.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(cut.charAt(end - 1))) {
            end--;
        }
        return cut.substring(start, end);
    }
}
