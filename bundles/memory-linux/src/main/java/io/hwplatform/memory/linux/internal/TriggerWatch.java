package io.hwplatform.memory.linux.internal;

import com.sun.jna.Memory;
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
    private final int[] wake = new int[2];
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param path the PSI file (through the root: only the live kernel can have triggers)
     * @param specs what to write to each descriptor, e.g. {@code some 150000 2000000}
     * @param quietMillis how long without a trigger before {@code fired} is told -1 ("quiet")
     * @param fired told the index of the highest trigger that fired, or -1 after a quiet period
     * @param lost told why watching ended when the file went away (POLLERR: e.g. the cgroup was removed)
     * @param failed told what {@code fired} or {@code lost} threw; watching goes on
     */
    TriggerWatch(String path, List<byte[]> specs, int quietMillis, IntConsumer fired, Consumer<String> lost,
            Consumer<Throwable> failed, String threadName) throws Refused {
        fds = new int[specs.size()];
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
            if (Libc.pipe(wake) < 0) {
                throw new Refused("pipe: " + Libc.lastError());
            }
        } catch (Refused | RuntimeException | LinkageError e) {
            closeAll();
            if (e instanceof Refused refused) {
                throw refused;
            }
            throw new Refused("no native access: " + e);
        }
        // Inherits nothing from the thread that started watching (perhaps a shell session's, with redirected output).
        thread = new Thread(null, () -> loop(quietMillis, fired, lost, failed), threadName, 0, false);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(int quietMillis, IntConsumer fired, Consumer<String> lost, Consumer<Throwable> failed) {
        int count = fds.length + 1;
        try (Memory pollfds = new Memory(8L * count)) {
            while (!closing) {
                try {
                    if (!pollOnce(pollfds, count, quietMillis, fired, lost)) {
                        return;
                    }
                } catch (RuntimeException | LinkageError e) {
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
            pollfds.setShort(8L * i + 4, i < fds.length ? Libc.POLLPRI : Libc.POLLIN);
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
            return true; // EINTR
        }
        int highest = -1;
        for (int i = 0; i < fds.length; i++) {
            short events = pollfds.getShort(8L * i + 6);
            if ((events & (Libc.POLLERR | Libc.POLLNVAL)) != 0) {
                lost.accept("the PSI file went away (POLLERR)");
                return false;
            }
            if ((events & Libc.POLLPRI) != 0) {
                highest = i;
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
        for (int fd : fds) {
            if (fd >= 0) {
                Libc.close(fd);
            }
        }
        for (int fd : wake) {
            if (fd > 0) {
                Libc.close(fd);
            }
        }
    }
}
