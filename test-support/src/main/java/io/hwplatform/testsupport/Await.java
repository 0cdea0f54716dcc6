package io.hwplatform.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for what a background thread makes true: polls the condition, and fails after a bound chosen to be generous
 * on a loaded machine. It orders nothing and asserts no duration.
 */
public final class Await {

    private Await() {}

    /** @throws AssertionError when the condition is still false after {@code millis} */
    public static void until(BooleanSupplier condition, long millis, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
