package io.hwplatform.api.numa;

/**
 * The {@value #NUMA} capability, published while more than one node has memory, and its attributes.
 */
public final class NumaCapabilities {

    /** Capability name. */
    public static final String NUMA = "numa";
    /** Attribute: nodes with memory. Integer. */
    public static final String NODES = "numa.nodes";
    /** Attribute: the backend, e.g. {@code linux}. String. */
    public static final String BACKEND = "numa.backend";
    /** Attribute: nodes with memory but no CPU. Integer. */
    public static final String MEMORY_ONLY_NODES = "numa.memory.only.nodes";

    private NumaCapabilities() {}
}
