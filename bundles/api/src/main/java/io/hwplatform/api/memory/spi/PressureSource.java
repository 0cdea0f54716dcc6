package io.hwplatform.api.memory.spi;

import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.Subscription;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A signal backend: watches one kind of memory pressure and reports changes. Registered as a service with the
 * property {@value #NAME}; the governor binds every source.
 *
 * <p>Thread-safety: implementations are thread-safe; listeners are called on the source's own thread.
 */
@ConsumerType
public interface PressureSource {

    /** Service property: the source's name, e.g. {@code psi}. Also names its {@code memory.pressure.<name>} capability. */
    String NAME = "pressure.source";

    /** @return the source's name, e.g. {@code psi}, {@code psi-sampling}, {@code balloon}, {@code cgroup} */
    String name();

    /** @return how the source watches, for people, e.g. {@code trigger 'some 150000 2000000' on /proc/pressure/memory} */
    String describe();

    /** @return whether the source can watch here; when not, {@link #describe()} says why */
    boolean isAvailable();

    /** @return what the source says now */
    MemoryPressure current();

    /**
     * Starts reporting: the listener is called with every change of level (and every repeated report at a level
     * above NONE, at most once per window), until the subscription is closed.
     */
    Subscription watch(Consumer<MemoryPressure> listener);
}
