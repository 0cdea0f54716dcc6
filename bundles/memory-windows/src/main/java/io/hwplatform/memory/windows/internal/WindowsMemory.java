package io.hwplatform.memory.windows.internal;

import java.util.Optional;
import java.util.OptionalLong;

/** The Windows memory calls, behind an interface so that the logic is tested without Windows. */
interface WindowsMemory {

    /** {@code LowMemoryResourceNotification}: signalled when available physical memory is low. */
    int LOW = 0;
    /** {@code HighMemoryResourceNotification}: signalled when available physical memory is high. */
    int HIGH = 1;

    /** @return a notification handle ({@code CreateMemoryResourceNotification}), or 0 when it cannot be made */
    long createNotification(int type);

    /** @return whether the notification is signalled now ({@code QueryMemoryResourceNotification}); empty on error */
    Optional<Boolean> isSignalled(long handle);

    /** @return percent of physical memory in use ({@code GlobalMemoryStatusEx.dwMemoryLoad}), or -1 */
    int memoryLoadPercent();

    /** @return the process's working set ({@code GetProcessMemoryInfo}) */
    OptionalLong workingSetBytes();

    /** {@code CloseHandle}. */
    void close(long handle);
}
