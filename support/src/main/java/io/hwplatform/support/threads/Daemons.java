package io.hwplatform.support.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads hwplatform starts: daemons (they never keep a JVM alive), named for thread dumps, and inheriting
 * nothing from the thread that starts them. That thread may be a shell session's, whose {@code System.out} Gogo
 * redirects per thread (inheritable thread-locals): a watcher started from {@code mem:watch} must not print into a
 * closed session.
 */
public final class Daemons {

    private Daemons() {}

    /** @return a new, unstarted daemon thread */
    public static Thread thread(String name, Runnable task) {
        Thread thread = new Thread(null, task, name, 0, false);
        thread.setDaemon(true);
        return thread;
    }

    /** @return a factory of daemon threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory numbered(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> thread(name + "-" + count.incrementAndGet(), task);
    }

    /** @return one daemon thread, of this name, that runs scheduled tasks */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> thread(name, task));
    }

    /**
     * Stops the executor's tasks and waits up to five seconds for a running one to finish, so that what it was
     * writing is whole before the caller cleans up after it. Keeps the caller's interrupt.
     */
    public static void stop(ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
