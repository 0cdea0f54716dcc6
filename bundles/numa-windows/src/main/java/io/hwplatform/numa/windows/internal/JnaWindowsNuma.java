package io.hwplatform.numa.windows.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Psapi;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.ShortByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Windows calls through JNA: jna-platform maps the processor relationships and QueryWorkingSetEx; the NUMA
 * memory calls it lacks are mapped here. Runs only on Windows; its callers' logic is tested against a fake.
 */
final class JnaWindowsNuma implements WindowsNuma {

    private static final int MEM_COMMIT_RESERVE = 0x1000 | 0x2000;
    private static final int MEM_RELEASE = 0x8000;
    private static final int PAGE_READWRITE = 0x04;
    private static final int NUMA_NO_PREFERRED_NODE = 0xFFFFFFFF;

    /** kernel32's NUMA functions that jna-platform does not map. */
    interface NumaKernel32 extends StdCallLibrary {
        NumaKernel32 INSTANCE = Native.load("kernel32", NumaKernel32.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean GetNumaAvailableMemoryNodeEx(short node, LongByReference availableBytes);

        Pointer VirtualAllocExNuma(WinNT.HANDLE process, Pointer address, BaseTSD.SIZE_T size, int allocationType,
                int protect, int preferredNode);

        boolean VirtualFree(Pointer address, BaseTSD.SIZE_T size, int freeType);

        int DiscardVirtualMemory(Pointer address, BaseTSD.SIZE_T size);

        boolean GetNumaNodeNumberFromHandle(WinNT.HANDLE file, ShortByReference node);

        /** PROCESSOR_NUMBER is {WORD Group; BYTE Number; BYTE Reserved}: one little-endian int. */
        void GetCurrentProcessorNumberEx(IntByReference processor);
    }

    @Override
    public Processor currentProcessor() {
        IntByReference processor = new IntByReference();
        NumaKernel32.INSTANCE.GetCurrentProcessorNumberEx(processor);
        int packed = processor.getValue();
        return new Processor(packed & 0xFFFF, packed >>> 16 & 0xFF);
    }

    @Override
    public Map<Integer, List<GroupMask>> nodeProcessors() {
        Map<Integer, List<GroupMask>> nodes = new LinkedHashMap<>();
        for (WinNT.SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX info
                : Kernel32Util.getLogicalProcessorInformationEx(WinNT.LOGICAL_PROCESSOR_RELATIONSHIP.RelationNumaNode)) {
            WinNT.NUMA_NODE_RELATIONSHIP node = (WinNT.NUMA_NODE_RELATIONSHIP) info;
            List<GroupMask> masks = nodes.computeIfAbsent(node.nodeNumber, id -> new ArrayList<>());
            WinNT.GROUP_AFFINITY[] groups = node.groupMasks != null && node.groupMasks.length > 0
                    ? node.groupMasks : new WinNT.GROUP_AFFINITY[] {node.groupMask};
            for (WinNT.GROUP_AFFINITY group : groups) {
                masks.add(new GroupMask(group.group, group.mask.longValue()));
            }
        }
        return nodes;
    }

    @Override
    public long availableMemory(int node) {
        LongByReference bytes = new LongByReference();
        return NumaKernel32.INSTANCE.GetNumaAvailableMemoryNodeEx((short) node, bytes) ? bytes.getValue() : -1;
    }

    @Override
    public long allocate(long bytes, int node) {
        Pointer memory = NumaKernel32.INSTANCE.VirtualAllocExNuma(Kernel32.INSTANCE.GetCurrentProcess(), null,
                new BaseTSD.SIZE_T(bytes), MEM_COMMIT_RESERVE, PAGE_READWRITE,
                node < 0 ? NUMA_NO_PREFERRED_NODE : node);
        return memory == null ? 0 : Pointer.nativeValue(memory);
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public void discard(long address, long bytes) {
        NumaKernel32.INSTANCE.DiscardVirtualMemory(new Pointer(address), new BaseTSD.SIZE_T(bytes));
    }

    @Override
    public void free(long address) {
        NumaKernel32.INSTANCE.VirtualFree(new Pointer(address), new BaseTSD.SIZE_T(0), MEM_RELEASE);
    }

    @Override
    public int nodeOfPage(long address) {
        Psapi.PSAPI_WORKING_SET_EX_INFORMATION info = new Psapi.PSAPI_WORKING_SET_EX_INFORMATION();
        info.VirtualAddress = new Pointer(address);
        boolean ok = Psapi.INSTANCE.QueryWorkingSetEx(Kernel32.INSTANCE.GetCurrentProcess(), info.getPointer(),
                info.size());
        info.read();
        return ok && info.isValid() ? info.getNode() : -1;
    }

    @Override
    public int nodeOfPath(String path) {
        WinNT.HANDLE handle = Kernel32.INSTANCE.CreateFile(path, 0, WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE,
                null, WinNT.OPEN_EXISTING, WinNT.FILE_FLAG_BACKUP_SEMANTICS, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(handle)) {
            return -1;
        }
        try {
            ShortByReference node = new ShortByReference();
            return NumaKernel32.INSTANCE.GetNumaNodeNumberFromHandle(handle, node) ? node.getValue() : -1;
        } finally {
            Kernel32.INSTANCE.CloseHandle(handle);
        }
    }

    @Override
    public ByteBuffer buffer(long address, int length) {
        return new Pointer(address).getByteBuffer(0, length);
    }
}
