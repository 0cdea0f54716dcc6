package io.hwplatform.memory.linux.internal;

import io.hwplatform.support.threads.Daemons;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Kernel-side PSI triggers on one file, waited for with poll(2) on a thread of its own: one file descriptor per
 * trigger (the kernel allows one trigger per descriptor), plus a pipe that wakes the thread for a clean shutdown.
 * Closing a descriptor while another thread polls it would be racy; so close wakes the thread first.
 */
final class TriggerWatch implements AutoCloseable {

    /** Why triggers could not be made; the caller falls back to sampling. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final int[] fds;
    /** Descriptors that only need closing at the end (v1: the pressure_level files the eventfds were bound to). */
    private final int[] held;
    /** What poll waits for on each of {@link #fds}: POLLPRI for PSI triggers, POLLIN for eventfds. */
    private final short events;
    /** Whether a fired descriptor must be read (an eventfd keeps firing until its counter is read). */
    private final boolean drain;
    private final int[] wake = new int[2];
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Kernel PSI triggers on one file.
     *
     * @param path the PSI file (through the root: only the live kernel can have triggers)
     * @param specs what to write to each descriptor, e.g. {@code some 150000 2000000}
     * @param quietMillis how long without a trigger before {@code fired} is told -1 ("quiet")
     * @param fired told the index of the highest trigger that fired, or -1 after a quiet period
     * @param lost told why watching ended when the file went away (POLLERR: e.g. the cgroup was removed)
     * @param failed told what {@code fired} or {@code lost} threw; watching goes on
     */
    TriggerWatch(String path, List<byte[]> specs, int quietMillis, IntConsumer fired, Consumer<String> lost,
            Consumer<Throwable> failed, String threadName) throws Refused {
        this(psiTriggers(path, specs), new int[0], Libc.POLLPRI, false, quietMillis, fired, lost, failed, threadName);
    }

    /**
     * The v1 memory controller's pressure notifications: one eventfd per level, bound to {@code memory.pressure_level}
     * through {@code cgroup.event_control}; the arguments as for PSI triggers, {@code fired} told the index of the
     * highest level that fired.
     *
     * @param dir the cgroup's directory (live kernel)
     * @param levels e.g. {@code medium}, {@code critical}
     */
    static TriggerWatch cgroupV1(String dir, List<String> levels, int quietMillis, IntConsumer fired,
            Consumer<String> lost, Consumer<Throwable> failed, String threadName) throws Refused {
        int[] eventFds = new int[levels.size()];
        int[] levelFds = new int[levels.size()];
        java.util.Arrays.fill(eventFds, -1);
        java.util.Arrays.fill(levelFds, -1);
        try {
            for (int i = 0; i < levels.size(); i++) {
                eventFds[i] = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
                levelFds[i] = Libc.open(dir + "/memory.pressure_level", Libc.O_RDONLY);
                int control = Libc.open(dir + "/cgroup.event_control", Libc.O_WRONLY);
                if (eventFds[i] < 0 || levelFds[i] < 0 || control < 0) {
                    String why = Libc.lastError();
                    if (control >= 0) {
                        Libc.close(control);
                    }
                    throw new Refused("cgroup.event_control of " + dir + ": " + why);
                }
                byte[] binding = (eventFds[i] + " " + levelFds[i] + " " + levels.get(i))
                        .getBytes(StandardCharsets.US_ASCII);
                long written = Libc.write(control, binding, binding.length);
                String why = Libc.lastError();
                Libc.close(control);
                if (written < 0) {
                    throw new Refused("pressure level '" + levels.get(i) + "' on " + dir + ": " + why);
                }
            }
        } catch (Refused | RuntimeException | LinkageError e) {
            closeAll(eventFds);
            closeAll(levelFds);
            if (e instanceof Refused refused) {
                throw refused;
            }
            throw new Refused("no native access: " + e);
        }
        return new TriggerWatch(eventFds, levelFds, Libc.POLLIN, true, quietMillis, fired, lost, failed, threadName);
    }

    private TriggerWatch(int[] fds, int[] held, short events, boolean drain, int quietMillis, IntConsumer fired,
            Consumer<String> lost, Consumer<Throwable> failed, String threadName) throws Refused {
        this.fds = fds;
        this.held = held;
        this.events = events;
        this.drain = drain;
        try {
            if (Libc.pipe(wake) < 0) {
                throw new Refused("pipe: " + Libc.lastError());
            }
        } catch (Refused | RuntimeException | LinkageError e) {
            closeAll(fds);
            closeAll(held);
            throw e instanceof Refused refused ? refused : new Refused("no native access: " + e);
        }
        thread = Daemons.thread(threadName, () -> loop(quietMillis, fired, lost, failed));
        thread.start();
    }

    private static int[] psiTriggers(String path, List<byte[]> specs) throws Refused {
        int[] fds = new int[specs.size()];
        java.util.Arrays.fill(fds, -1);
        try {
            for (int i = 0; i < specs.size(); i++) {
                fds[i] = Libc.open(path, Libc.O_RDWR | Libc.O_NONBLOCK);
                if (fds[i] < 0) {
                    throw new Refused("open " + path + ": " + Libc.lastError());
                }
                byte[] spec = specs.get(i);
                if (Libc.write(fds[i], spec, spec.length) < 0) {
                    throw new Refused("trigger '" + new String(spec, StandardCharsets.US_ASCII).strip() + "' on "
                            + path + ": " + Libc.lastError());
                }
            }
            return fds;
        } catch (Refused | RuntimeException | LinkageError e) {
            closeAll(fds);
            if (e instanceof Refused refused) {
                throw refused;
            }
            throw new Refused("no native access: " + e);
        }
    }

    private void loop(int quietMillis, IntConsumer fired, Consumer<String> lost, Consumer<Throwable> failed) {
        int count = fds.length + 1;
        try (Memory pollfds = new Memory(8L * count)) {
            while (!closing) {
                try {
                    if (!pollOnce(pollfds, count, quietMillis, fired, lost)) {
                        return;
                    }
                } catch (RuntimeException | Error e) {
                    failed.accept(e);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(quietMillis)); // no hot loop if it repeats
                }
            }
        }
    }

    /** @return false when watching is over (closing, or the file went away) */
    private boolean pollOnce(Memory pollfds, int count, int quietMillis, IntConsumer fired, Consumer<String> lost) {
        for (int i = 0; i < count; i++) {
            pollfds.setInt(8L * i, i < fds.length ? fds[i] : wake[0]);
            pollfds.setShort(8L * i + 4, i < fds.length ? events : Libc.POLLIN);
            pollfds.setShort(8L * i + 6, (short) 0);
        }
        int ready = Libc.poll(pollfds, count, quietMillis);
        if (closing) {
            return false;
        }
        if (ready == 0) {
            fired.accept(-1);
            return true;
        }
        if (ready < 0) {
            if (Native.getLastError() == Libc.EINTR) {
                return true; // a signal: poll again
            }
            throw new IllegalStateException("poll: " + Libc.lastError()); // reported, and tried again after a pause
        }
        int highest = -1;
        for (int i = 0; i < fds.length; i++) {
            short events = pollfds.getShort(8L * i + 6);
            if ((events & (Libc.POLLERR | Libc.POLLNVAL)) != 0) {
                lost.accept("the PSI file went away (POLLERR)");
                return false;
            }
            if ((events & this.events) != 0) {
                highest = i;
                if (drain) {
                    Libc.read(fds[i], new byte[8], 8); // an eventfd's counter, read to re-arm it
                }
            }
        }
        if (highest >= 0) {
            fired.accept(highest);
        }
        return true;
    }

    @Override
    public void close() {
        closing = true;
        Libc.write(wake[1], new byte[] {1}, 1);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeAll();
    }

    private void closeAll() {
        closeAll(fds);
        closeAll(held);
        for (int fd : wake) {
            if (fd > 0) {
                Libc.close(fd);
            }
        }
    }

    private static void closeAll(int[] descriptors) {
        for (int fd : descriptors) {
            if (fd >= 0) {
                Libc.close(fd);
            }
        }
    }
}
