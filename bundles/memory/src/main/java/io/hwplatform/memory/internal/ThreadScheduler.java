package io.hwplatform.memory.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The {@link Scheduler} of a running governor: one daemon thread and the system clock. */
final class ThreadScheduler implements Scheduler {

    private final ScheduledExecutorService thread;

    ThreadScheduler(String threadName) {
        // A thread that inherits nothing from the one that made us: perhaps a shell session's, with redirected output.
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(null, runnable, threadName, 0, false);
            daemon.setDaemon(true);
            return daemon;
        });
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
