package io.hwplatform.memory.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The governor's one thread and its clock. Production runs tasks on a daemon thread; tests drive a manual one, so
 * that no test sleeps or races to see a reclaim happen or not.
 */
interface Scheduler extends AutoCloseable {

    /** @return the clock, in nanoseconds, as {@link System#nanoTime()} */
    long nanoTime();

    /** Runs a task on the governor's thread, soon. */
    void execute(Runnable task);

    /** Runs a task on the governor's thread after a delay. @return what cancels it */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** Runs a task on the governor's thread and waits for its result (never call it from that thread). */
    <T> T call(Callable<T> task) throws Exception;

    @Override
    void close();

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        void cancel();

        boolean isDone();
    }
}
