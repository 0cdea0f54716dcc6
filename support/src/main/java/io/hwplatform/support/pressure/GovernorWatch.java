package io.hwplatform.support.pressure;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.Subscription;
import java.util.Optional;

/**
 * One listener on whichever memory governor is bound now: what a component with an optional, dynamic governor
 * reference does in its bind and unbind methods, and at deactivation.
 */
public final class GovernorWatch {

    private final MemoryListener listener;
    private MemoryGovernor governor;
    private Subscription subscription;

    public GovernorWatch(MemoryListener listener) {
        this.listener = listener;
    }

    /** Listens to this governor from now on, and no longer to the one before. */
    public synchronized void bind(MemoryGovernor bound) {
        close();
        governor = bound;
        subscription = bound.watch(listener);
    }

    /** Stops listening if this is the governor listened to (DS may bind the next one before unbinding this). */
    public synchronized void unbind(MemoryGovernor unbound) {
        if (governor == unbound) {
            close();
        }
    }

    /** @return the governor listened to, if any */
    public synchronized Optional<MemoryGovernor> governor() {
        return Optional.ofNullable(governor);
    }

    /** Stops listening. Idempotent. */
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
        subscription = null;
        governor = null;
    }
}
