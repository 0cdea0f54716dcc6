package io.hwplatform.memory.linux.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * glibc's {@code malloc_trim}, in a class of its own: on a C library without it (musl) only this class fails to
 * load, not the PSI calls.
 */
final class Glibc {

    static {
        Native.register(Glibc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /** @return 1 when memory was returned to the system, 0 when none could be */
    static native int malloc_trim(long pad);

    private Glibc() {}
}
