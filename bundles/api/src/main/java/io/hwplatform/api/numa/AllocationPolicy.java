package io.hwplatform.api.numa;

/** What to do when the preferred node cannot serve an allocation. */
public enum AllocationPolicy {
    /** Preferred node, else the nearest node that can, else anywhere. Never fails for want of a node. */
    FALLBACK,
    /** The preferred node or nothing: fails with {@link NumaAllocationException} instead of falling back. */
    STRICT
}
