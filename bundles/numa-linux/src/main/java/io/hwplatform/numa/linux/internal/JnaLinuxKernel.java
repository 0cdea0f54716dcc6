package io.hwplatform.numa.linux.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The system calls through JNA's direct mapping (about 2 microseconds a call, a third of JNA's interface mapping).
 * glibc exports mmap, munmap and madvise; mbind and move_pages exist only as raw system calls (libnuma wraps them), and
 * glibc's getcpu wrapper is recent (2.29), so they go through {@code syscall(2)} with per-architecture numbers.
 */
final class JnaLinuxKernel implements LinuxKernel {

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MPOL_BIND = 2;
    private static final int MADV_DONTNEED = 4;
    private static final int MADV_POPULATE_WRITE = 23;
    /** Node masks are passed as 17 64-bit words: room for node ids up to 1023 plus the kernel's off-by-one. */
    private static final int MASK_WORDS = 17;

    private final SyscallNumbers numbers;

    private JnaLinuxKernel(SyscallNumbers numbers) {
        this.numbers = numbers;
    }

    /** @throws UnsupportedOperationException on an architecture whose system call numbers are not known here */
    static JnaLinuxKernel load() {
        SyscallNumbers numbers = SyscallNumbers.forArchitecture(Platform.ARCH)
                .orElseThrow(() -> new UnsupportedOperationException("no NUMA system call numbers for " + Platform.ARCH));
        return new JnaLinuxKernel(numbers);
    }

    @Override
    public long mmap(long length) {
        long address = Libc.mmap(0, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
        return address == -1 ? -Native.getLastError() : address;
    }

    @Override
    public int munmap(long address, long length) {
        return Libc.munmap(address, length) == 0 ? 0 : -Native.getLastError();
    }

    @Override
    public int bind(long address, long length, int node) {
        if (node < 0 || node >= 64 * MASK_WORDS - 1) {
            return -EINVAL;
        }
        try (Memory mask = new Memory(8L * MASK_WORDS)) {
            mask.clear();
            mask.setLong(8L * (node / 64), 1L << (node % 64));
            long result = Libc.syscall(numbers.mbind(), address, length, MPOL_BIND, Pointer.nativeValue(mask),
                    64L * MASK_WORDS, 0);
            return result == 0 ? 0 : -Native.getLastError();
        }
    }

    @Override
    public int discard(long address, long length) {
        return Libc.madvise(address, length, MADV_DONTNEED) == 0 ? 0 : -Native.getLastError();
    }

    @Override
    public int populate(long address, long length) {
        return Libc.madvise(address, length, MADV_POPULATE_WRITE) == 0 ? 0 : -Native.getLastError();
    }

    @Override
    public int[] nodesOfPages(long[] pages) {
        try (Memory addresses = new Memory(8L * pages.length); Memory status = new Memory(4L * pages.length)) {
            addresses.write(0, pages, 0, pages.length);
            long result = Libc.syscall(numbers.movePages(), 0, pages.length, Pointer.nativeValue(addresses), 0,
                    Pointer.nativeValue(status), 0);
            return result == 0 ? status.getIntArray(0, pages.length) : null;
        }
    }

    @Override
    public int currentNode() {
        int[] cpu = new int[1];
        int[] node = new int[1];
        long result = Libc.syscall(numbers.getcpu(), cpu, node, 0, 0, 0, 0);
        return result == 0 ? node[0] : -Native.getLastError();
    }

    @Override
    public ByteBuffer buffer(long address, int length) {
        return new Pointer(address).getByteBuffer(0, length);
    }

    /** libc, directly mapped: every integer and pointer passed as a 64-bit value. */
    static final class Libc {
        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

        /** For system calls that fill in two ints, as getcpu does. */
        static native long syscall(long number, int[] a1, int[] a2, long a3, long a4, long a5, long a6);

        static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

        static native int munmap(long address, long length);

        static native int madvise(long address, long length, int advice);

        private Libc() {}
    }

    /** The system calls' numbers: x86_64 has its own table, the 64-bit others share asm-generic's. */
    record SyscallNumbers(long mbind, long movePages, long getcpu) {
        static java.util.Optional<SyscallNumbers> forArchitecture(String arch) {
            return switch (arch) {
                case "x86-64" -> java.util.Optional.of(new SyscallNumbers(237, 279, 309));
                case "aarch64", "riscv64", "loongarch64" -> java.util.Optional.of(new SyscallNumbers(235, 239, 168));
                default -> java.util.Optional.empty();
            };
        }
    }
}
