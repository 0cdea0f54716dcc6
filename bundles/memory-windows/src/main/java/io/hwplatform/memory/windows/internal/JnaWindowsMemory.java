package io.hwplatform.memory.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.util.Optional;
import java.util.OptionalLong;

/** The Windows calls through JNA. Runs only on Windows; the logic around it is tested against a fake. */
final class JnaWindowsMemory implements WindowsMemory {

    /** kernel32's memory resource notifications, which jna-platform does not map. */
    interface MemoryKernel32 extends StdCallLibrary {
        MemoryKernel32 INSTANCE = Native.load("kernel32", MemoryKernel32.class, W32APIOptions.DEFAULT_OPTIONS);

        WinNT.HANDLE CreateMemoryResourceNotification(int notificationType);

        boolean QueryMemoryResourceNotification(WinNT.HANDLE notification, IntByReference state);
    }

    /** psapi's GetProcessMemoryInfo, which jna-platform does not map; the counters are read from raw memory. */
    interface ProcessStatus extends StdCallLibrary {
        ProcessStatus INSTANCE = Native.load("psapi", ProcessStatus.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean GetProcessMemoryInfo(WinNT.HANDLE process, Pointer counters, int size);
    }

    /** PROCESS_MEMORY_COUNTERS on 64-bit Windows: cb and PageFaultCount (DWORDs), then eight SIZE_Ts. */
    private static final int COUNTERS_SIZE = 4 + 4 + 8 * 8;
    private static final long WORKING_SET_OFFSET = 4 + 4 + 8;

    @Override
    public long createNotification(int type) {
        WinNT.HANDLE handle = MemoryKernel32.INSTANCE.CreateMemoryResourceNotification(type);
        return handle == null ? 0 : Pointer.nativeValue(handle.getPointer());
    }

    @Override
    public Optional<Boolean> isSignalled(long handle) {
        if (handle == 0) {
            return Optional.empty();
        }
        IntByReference state = new IntByReference();
        return MemoryKernel32.INSTANCE.QueryMemoryResourceNotification(new WinNT.HANDLE(new Pointer(handle)), state)
                ? Optional.of(state.getValue() != 0) : Optional.empty();
    }

    @Override
    public int memoryLoadPercent() {
        WinBase.MEMORYSTATUSEX status = new WinBase.MEMORYSTATUSEX();
        return Kernel32.INSTANCE.GlobalMemoryStatusEx(status) ? status.dwMemoryLoad.intValue() : -1;
    }

    @Override
    public OptionalLong workingSetBytes() {
        try (Memory counters = new Memory(COUNTERS_SIZE)) {
            counters.clear();
            counters.setInt(0, COUNTERS_SIZE);
            return ProcessStatus.INSTANCE.GetProcessMemoryInfo(Kernel32.INSTANCE.GetCurrentProcess(), counters,
                    COUNTERS_SIZE) ? OptionalLong.of(counters.getLong(WORKING_SET_OFFSET)) : OptionalLong.empty();
        }
    }

    @Override
    public void close(long handle) {
        if (handle != 0) {
            Kernel32.INSTANCE.CloseHandle(new WinNT.HANDLE(new Pointer(handle)));
        }
    }
}
