package io.hwplatform.memory.internal;

import io.hwplatform.support.threads.Daemons;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The {@link Scheduler} of a running governor: one daemon thread and the system clock. */
final class ThreadScheduler implements Scheduler {

    private final ScheduledExecutorService thread;

    ThreadScheduler(String threadName) {
        this.thread = Daemons.scheduler(threadName); // not the caller's: perhaps a shell session's
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledFuture<?> future = thread.schedule(task, delay, unit);
        return new Cancellable() {
            @Override
            public void cancel() {
                future.cancel(false);
            }

            @Override
            public boolean isDone() {
                return future.isDone();
            }
        };
    }

    @Override
    public <T> T call(Callable<T> task) throws Exception {
        try {
            return thread.submit(task).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
