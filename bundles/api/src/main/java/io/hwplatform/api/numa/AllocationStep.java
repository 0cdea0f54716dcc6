package io.hwplatform.api.numa;

import java.util.Locale;

/**
 * The step of the fallback chain that served an allocation. The first step is named after where the node came from:
 * the caller ({@link #PREFERRED}), a device ({@link #DEVICE}) or the calling thread ({@link #LOCAL}).
 */
public enum AllocationStep {
    /** Memory bound to the preferred node. */
    PREFERRED,
    /**
     * Memory bound to the node a device hangs on ({@link NumaAllocator#allocateNear(String, int)}): device-local.
     *
     * @since 2.1
     */
    DEVICE,
    /**
     * Memory bound to the calling thread's node, because the device asked for gives no node (unknown, or the
     * firmware does not say).
     *
     * @since 2.1
     */
    LOCAL,
    /** Memory bound to the nearest node that could serve, because the preferred one could not. */
    NEAREST,
    /** Memory without a node binding: no node could be bound, or binding is not possible here. */
    ANY;

    /** @return the lower-case name used in JSON, e.g. {@code nearest} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
