package io.hwplatform.api.hypervisor;

import java.util.Objects;

/**
 * One signal that was read, where from, what it said and what it means.
 *
 * @param source where the signal comes from: a host path such as {@code /sys/class/dmi/id/sys_vendor}, a CPUID leaf
 *     such as {@code cpuid 0x40000000}, a registry value, or {@code jvm}
 * @param observed what it said, shortened for display: the value, or {@code absent}, {@code empty},
 *     {@code unreadable: permission denied}, {@code garbled: not UTF-8}
 * @param meaning what the probes made of it, e.g. {@code hypervisor KVM}; empty when nothing
 */
public record Evidence(String source, String observed, String meaning) {

    /** @throws NullPointerException when any component is null */
    public Evidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(meaning, "meaning");
    }
}
