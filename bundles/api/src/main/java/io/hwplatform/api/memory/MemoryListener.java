package io.hwplatform.api.memory;

import org.osgi.annotation.versioning.ConsumerType;

/** Told about pressure and reclaims as they happen (the shell's {@code mem:watch} is one). Keep it quick. */
@ConsumerType
public interface MemoryListener {

    /** A source reported pressure. */
    default void pressure(MemoryPressure pressure) {
    }

    /** A reclaim finished. */
    default void reclaimed(ReclaimReport report) {
    }
}
