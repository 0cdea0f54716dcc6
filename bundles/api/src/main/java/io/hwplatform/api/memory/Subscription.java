package io.hwplatform.api.memory;

/** The handle of a registration (a listener, a handler); closing it unregisters. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
