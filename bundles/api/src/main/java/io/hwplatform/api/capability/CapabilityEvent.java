package io.hwplatform.api.capability;

import java.util.Objects;

/**
 * A change of one capability, delivered to {@link CapabilityListener}s and, when Event Admin is present, posted on the
 * topics below with the capability's name ({@link PlatformCapability#NAME}), its attributes and the provider's
 * {@code bundle.id} and {@code bundle.symbolicName} as event properties.
 *
 * <p>Thread-safety: immutable.
 */
public final class CapabilityEvent {

    /** Event Admin topic of a capability that appeared. */
    public static final String TOPIC_REGISTERED = "io/hwplatform/capability/REGISTERED";
    /** Event Admin topic of a capability whose attributes changed. */
    public static final String TOPIC_MODIFIED = "io/hwplatform/capability/MODIFIED";
    /** Event Admin topic of a capability that went away. */
    public static final String TOPIC_UNREGISTERED = "io/hwplatform/capability/UNREGISTERED";

    /** What happened to the capability. */
    public enum Type {
        REGISTERED(TOPIC_REGISTERED),
        MODIFIED(TOPIC_MODIFIED),
        UNREGISTERED(TOPIC_UNREGISTERED);

        private final String topic;

        Type(String topic) {
            this.topic = topic;
        }

        /** @return the Event Admin topic for this kind of change */
        public String topic() {
            return topic;
        }
    }

    private final Type type;
    private final PlatformCapability capability;

    /**
     * @param type what happened
     * @param capability the capability after the change, or as it was before it went away
     */
    public CapabilityEvent(Type type, PlatformCapability capability) {
        this.type = Objects.requireNonNull(type, "type");
        this.capability = Objects.requireNonNull(capability, "capability");
    }

    /** @return what happened */
    public Type type() {
        return type;
    }

    /** @return the capability concerned */
    public PlatformCapability capability() {
        return capability;
    }

    @Override
    public String toString() {
        return type + " " + capability.name() + " " + capability.attributes();
    }
}
