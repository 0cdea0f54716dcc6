package io.hwplatform.api.capability;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The handle of a published capability. Closing it withdraws the capability.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #close()} is idempotent, and
 * {@link #update(Map)} after close throws {@link IllegalStateException}.
 */
@ProviderType
public interface CapabilityRegistration extends AutoCloseable {

    /** @return the capability as currently published (a snapshot) */
    PlatformCapability capability();

    /**
     * Replaces the attributes, for example when a balloon driver gets bound later. Listeners see a modification.
     *
     * @param attributes the new attributes, validated as in {@link CapabilityRegistry#register(String, Map)}
     * @throws IllegalStateException when the registration is closed or its bundle has stopped
     */
    void update(Map<String, ?> attributes);

    /** Withdraws the capability. Closing twice, or after the bundle stopped, is harmless. */
    @Override
    void close();
}
