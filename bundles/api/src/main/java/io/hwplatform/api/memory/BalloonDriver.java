package io.hwplatform.api.memory;

import io.hwplatform.api.hypervisor.BalloonKind;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The memory balloon, for simple users: is there one, how big is it, and tell me how many bytes to release when
 * memory is wanted.
 *
 * <p>Thread-safety: every method may be called from any thread; handlers are called on a governor thread, within the
 * same time budget as reclaimers.
 */
@ProviderType
public interface BalloonDriver {

    /** @return whether a balloon driver is bound in this guest, so that the hypervisor can take memory back */
    boolean isAvailable();

    /** @return the balloon protocol, from the hypervisor verdict */
    Optional<BalloonKind> kind();

    /** @return bytes the balloon holds now, where the platform shows it */
    OptionalLong sizeBytes();

    /** @return bytes the hypervisor wants the balloon to hold, where the platform shows it */
    OptionalLong targetBytes();

    /**
     * Registers a handler that is told how many bytes to release when memory is wanted. It should release them and
     * then call {@link #reportMemoryReleased(long)}.
     *
     * @return the handle that unregisters it
     */
    Subscription registerPressureHandler(LongConsumer bytesToRelease);

    /** Tells the governor how many bytes a handler released, so that it can return them to the operating system. */
    void reportMemoryReleased(long bytes);
}
