package io.hwplatform.numa.linux.internal;

import java.nio.ByteBuffer;

/**
 * The memory system calls the backend needs, as plain numbers in and out, so that the logic around them is tested
 * without a multi-node kernel. Methods return 0 or a negative errno, as the kernel does.
 */
interface LinuxKernel {

    int EPERM = 1;
    int ENOENT = 2;
    int ENOMEM = 12;
    int EFAULT = 14;
    int ENODEV = 19;
    int EINVAL = 22;
    int ENOSYS = 38;

    /** @return the address of a new private anonymous read-write mapping, or a negative errno */
    long mmap(long length);

    /** @return 0 or a negative errno */
    int munmap(long address, long length);

    /** {@code madvise(MADV_DONTNEED)}: the pages go back to the kernel; the range stays mapped and reads zeros. */
    int discard(long address, long length);

    /** {@code mbind(address, length, MPOL_BIND, {node}, maxnode, 0)}: future faults of the range go to that node. */
    int bind(long address, long length, int node);

    /** {@code madvise(MADV_POPULATE_WRITE)} (Linux 5.14+): fault every page in, writable, under the range's policy. */
    int populate(long address, long length);

    /**
     * {@code move_pages(0, n, pages, NULL, status, 0)}: where each page is.
     *
     * @return per page the node, or a negative errno for that page; or {@code null} when the call itself failed
     */
    int[] nodesOfPages(long[] pages);

    /** {@code getcpu(2)}: the node of the CPU the calling thread runs on now, or a negative errno. */
    int currentNode();

    /** @return a direct buffer over memory at an address (no copy, no cleaner) */
    ByteBuffer buffer(long address, int length);

    /** @return the name of an errno, for messages: {@code EINVAL} */
    static String errnoName(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ENOMEM -> "ENOMEM";
            case EFAULT -> "EFAULT";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            default -> "errno " + errno;
        };
    }
}
