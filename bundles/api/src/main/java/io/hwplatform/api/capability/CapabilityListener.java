package io.hwplatform.api.capability;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when capabilities appear, change or go. Implemented by users of the registry.
 *
 * <p>Called synchronously on the thread that made the change; keep the work short and never block.
 */
@ConsumerType
@FunctionalInterface
public interface CapabilityListener {

    /** @param event what happened, with the capability as it is (or was, when it is gone) */
    void capabilityChanged(CapabilityEvent event);
}
