package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Makes one node-bound chunk: map, bind, fault in, verify. Any failure unmaps what was mapped and says in one
 * sentence what the kernel refused.
 */
final class ChunkMaker {

    static final int PAGE = 4096;

    private final LinuxKernel kernel;
    /** Free memory of a node now, or -1 when unknown; read live, so that a full node is skipped before binding. */
    private final IntFunction<Long> freeBytes;

    ChunkMaker(LinuxKernel kernel, IntFunction<Long> freeBytes) {
        this.kernel = kernel;
        this.freeBytes = freeBytes;
    }

    /**
     * @param node the node to bind to, or -1 for none
     * @throws NumaBindException when the node cannot take the chunk
     * @throws OutOfMemoryError when not even an unbound mapping can be had
     */
    LinuxChunk make(int bytes, int node) throws NumaBindException {
        long free = node >= 0 ? freeBytes.apply(node) : -1;
        if (free >= 0 && free < 2L * bytes) {
            throw new NumaBindException(NumaBindException.Reason.NODE_FULL,
                    "node " + node + " has " + free / (1 << 20) + " MiB free, too little for a " + bytes / (1 << 20)
                            + " MiB chunk");
        }
        long address = kernel.mmap(bytes);
        if (address < 0) {
            throw new OutOfMemoryError("mmap of " + bytes + " bytes failed: " + LinuxKernel.errnoName((int) -address));
        }
        try {
            if (node >= 0) {
                int bound = kernel.bind(address, bytes, node);
                if (bound != 0) {
                    throw bindFailure(node, -bound);
                }
            }
            faultIn(address, bytes, node);
            int[] placed = placement(address, bytes);
            return new LinuxChunk(kernel, address, bytes, node, placed[0], placed[1] == 1);
        } catch (NumaBindException | RuntimeException | Error e) {
            kernel.munmap(address, bytes);
            throw e;
        }
    }

    /** Gives the pages back now; the mapping and its node binding stay, so a later access faults in fresh pages. */
    void discard(LinuxChunk chunk) {
        kernel.discard(chunk.address(), chunk.size());
    }

    void release(LinuxChunk chunk) {
        kernel.munmap(chunk.address(), chunk.size());
    }

    /**
     * Touches every page so that placement happens now (and can be verified) rather than at first use. Kernels before
     * 5.14 have no MADV_POPULATE_WRITE: then each page is written once from Java.
     */
    private void faultIn(long address, int bytes, int node) throws NumaBindException {
        int populated = kernel.populate(address, bytes);
        if (populated == 0) {
            return;
        }
        if (-populated == LinuxKernel.ENOMEM || -populated == LinuxKernel.EFAULT) {
            throw new NumaBindException(NumaBindException.Reason.NODE_FULL,
                    "node " + node + " could not supply " + bytes + " bytes (" + LinuxKernel.errnoName(-populated) + ")");
        }
        ByteBuffer pages = kernel.buffer(address, bytes);
        for (int offset = 0; offset < bytes; offset += PAGE) {
            pages.put(offset, (byte) 0);
        }
    }

    /**
     * Asks the kernel where the first, middle and last pages are.
     *
     * @return {node, 1} when the kernel puts all of them on one node; {-1, 0} when it cannot tell
     */
    private int[] placement(long address, int bytes) {
        long[] pages = {address, address + (bytes / 2 / PAGE) * PAGE, address + bytes - PAGE};
        int[] status = kernel.nodesOfPages(pages);
        if (status == null) {
            return new int[] {-1, 0};
        }
        int node = status[0];
        for (int each : status) {
            if (each != node || each < 0) {
                return new int[] {-1, 0};
            }
        }
        return new int[] {node, 1};
    }

    private static final Map<Integer, NumaBindException.Reason> REASONS = Map.of(
            LinuxKernel.EINVAL, NumaBindException.Reason.NO_SUCH_NODE,
            LinuxKernel.ENODEV, NumaBindException.Reason.NO_SUCH_NODE,
            LinuxKernel.EPERM, NumaBindException.Reason.NOT_PERMITTED,
            LinuxKernel.ENOSYS, NumaBindException.Reason.NOT_SUPPORTED,
            LinuxKernel.ENOMEM, NumaBindException.Reason.OUT_OF_MEMORY);

    static NumaBindException bindFailure(int node, int errno) {
        NumaBindException.Reason reason = REASONS.getOrDefault(errno, NumaBindException.Reason.NO_SUCH_NODE);
        String why = switch (reason) {
            case NO_SUCH_NODE -> "node " + node + " does not exist or has no memory";
            case NOT_PERMITTED -> "binding memory to nodes is not permitted here (a container's seccomp profile "
                    + "allows mbind only with CAP_SYS_NICE)";
            case NOT_SUPPORTED -> "this kernel has no NUMA support";
            default -> "node " + node + " is out of memory";
        };
        return new NumaBindException(reason, why + " (mbind: " + LinuxKernel.errnoName(errno) + ")");
    }
}
