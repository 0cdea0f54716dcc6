package io.hwplatform.api.memory;

/** Names and attributes of the capabilities the governor publishes. */
public final class MemoryCapabilities {

    /** A balloon driver is bound and the governor cooperates with it. */
    public static final String BALLOON = "balloon";
    /** Prefix of a pressure source's capability: {@code memory.pressure.psi}. */
    public static final String PRESSURE_PREFIX = "memory.pressure.";
    /** Attribute of {@value #BALLOON}: the protocol, e.g. {@code virtio}. String. */
    public static final String BALLOON_KIND = "balloon.kind";
    /** Attribute of a pressure capability: its level now, e.g. {@code none}. String. */
    public static final String LEVEL = "memory.pressure.level";
    /** Event Admin topic of a pressure report. */
    public static final String TOPIC_PRESSURE = "io/hwplatform/memory/PRESSURE";
    /** Event Admin topic of a finished reclaim. */
    public static final String TOPIC_RECLAIMED = "io/hwplatform/memory/RECLAIMED";

    private MemoryCapabilities() {}
}
