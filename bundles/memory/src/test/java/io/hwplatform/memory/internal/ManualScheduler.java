package io.hwplatform.memory.internal;

import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} the test drives: tasks run only when the test says so, on the test's thread, by a clock that
 * moves only when the test moves it. No sleeping, no racing.
 */
final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Task scheduled = new Task(now + unit.toNanos(delay), sequence++, task);
        tasks.add(scheduled);
        return scheduled;
    }

    @Override
    public <T> T call(Callable<T> task) throws Exception {
        return task.call(); // the test's thread plays the governor's
    }

    @Override
    public void close() {
        synchronized (this) {
            tasks.clear();
        }
    }

    /** Runs every task that is due now, including those that running ones schedule for now. */
    void runDue() {
        for (Task task = nextDue(); task != null; task = nextDue()) {
            task.run();
        }
    }

    /** Moves the clock and runs what became due. */
    void advance(long amount, TimeUnit unit) {
        synchronized (this) {
            now += unit.toNanos(amount);
        }
        runDue();
    }

    synchronized int pending() {
        return (int) tasks.stream().filter(task -> !task.cancelled).count();
    }

    private synchronized Task nextDue() {
        while (!tasks.isEmpty() && tasks.peek().due <= now) {
            Task task = tasks.poll();
            if (!task.cancelled) {
                return task;
            }
        }
        return null;
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order;
        final Runnable work;
        volatile boolean cancelled;
        volatile boolean done;

        Task(long due, long order, Runnable work) {
            this.due = due;
            this.order = order;
            this.work = work;
        }

        void run() {
            try {
                work.run();
            } finally {
                done = true;
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }
}
