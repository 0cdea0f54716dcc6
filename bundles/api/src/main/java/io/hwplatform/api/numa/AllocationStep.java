package io.hwplatform.api.numa;

import java.util.Locale;

/** The step of the fallback chain that served an allocation. */
public enum AllocationStep {
    /** Memory bound to the preferred node. */
    PREFERRED,
    /** Memory bound to the nearest node that could serve, because the preferred one could not. */
    NEAREST,
    /** Memory without a node binding: no node could be bound, or binding is not possible here. */
    ANY;

    /** @return the lower-case name used in JSON, e.g. {@code nearest} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
