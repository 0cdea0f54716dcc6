package io.hwplatform.export.nfd.internal;

/**
 * One line of the feature file.
 *
 * @param name the name under the prefix, e.g. {@code hypervisor}
 * @param value the value; {@code true} for a flag
 * @param label whether NFD makes it a node label; otherwise it is written with {@code # +no-label}, for
 *     {@code NodeFeatureRule}s only
 */
record Feature(String name, String value, boolean label) {}
