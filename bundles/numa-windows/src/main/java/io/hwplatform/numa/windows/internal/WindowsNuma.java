package io.hwplatform.numa.windows.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** The Windows NUMA calls the backend needs, behind an interface so that its logic is tested without Windows. */
interface WindowsNuma {

    int ERROR_NOT_ENOUGH_MEMORY = 8;
    int ERROR_INVALID_PARAMETER = 87;
    int ERROR_COMMITMENT_LIMIT = 1455;

    /** A processor group and the mask of its logical processors that belong to a node. */
    record GroupMask(int group, long mask) {
        boolean contains(Processor processor) {
            return processor.group() == group && processor.number() < Long.SIZE && (mask >>> processor.number() & 1) != 0;
        }
    }

    /** A logical processor: its group and its number in the group. */
    record Processor(int group, int number) {}

    /** @return the processor the calling thread runs on now ({@code GetCurrentProcessorNumberEx}) */
    Processor currentProcessor();

    /** @return node number to its processors, from {@code GetLogicalProcessorInformationEx(RelationNumaNode)} */
    Map<Integer, List<GroupMask>> nodeProcessors();

    /** @return available memory of a node ({@code GetNumaAvailableMemoryNodeEx}), or -1 when the call fails */
    long availableMemory(int node);

    /** @return the address of committed memory preferring the node ({@code VirtualAllocExNuma}), or 0 */
    long allocate(long bytes, int node);

    /** @return the last Win32 error of this thread */
    int lastError();

    /**
     * {@code DiscardVirtualMemory(address, bytes)}: the pages leave the working set and their contents are given up;
     * they stay committed, so a later access never faults.
     */
    void discard(long address, long bytes);

    /** {@code VirtualFree(address, 0, MEM_RELEASE)}. */
    void free(long address);

    /** @return the node of a resident page ({@code QueryWorkingSetEx}), or -1 when not resident or unknown */
    int nodeOfPage(long address);

    /** @return the node of a file, volume or disk ({@code GetNumaNodeNumberFromHandle}), or -1 */
    int nodeOfPath(String path);

    /** @return a direct buffer over memory at an address */
    ByteBuffer buffer(long address, int length);
}
