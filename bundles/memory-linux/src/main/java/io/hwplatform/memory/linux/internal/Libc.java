package io.hwplatform.memory.linux.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The POSIX calls PSI triggers need, directly mapped (glibc and musl alike). Negative returns leave errno. */
final class Libc {

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    /** errno of a call a signal interrupted. */
    static final int EINTR = 4;
    static final short POLLIN = 0x1;
    static final short POLLPRI = 0x2;
    static final short POLLERR = 0x8;
    static final short POLLNVAL = 0x20;

    static {
        Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static native int open(String path, int flags);

    static native long write(int fd, byte[] data, long count);

    /** {@code poll(struct pollfd *fds, nfds_t nfds, int timeout)}: 8 bytes per pollfd (int fd, short events, short revents). */
    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native long read(int fd, byte[] buffer, long count);

    static native int eventfd(int initial, int flags);

    static native int pipe(int[] fds);

    static native int close(int fd);

    static native int getpagesize();

    private Libc() {}

    /** @return errno of the last call on this thread, as a name for messages */
    static String lastError() {
        int errno = Native.getLastError();
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case EINTR -> "EINTR";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 22 -> "EINVAL";
            case 95 -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}
