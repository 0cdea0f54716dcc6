package io.hwplatform.memory.windows.internal;

import io.hwplatform.api.memory.spi.ProcessMemory;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The process's working set on Windows. Windows offers no equivalent of malloc_trim that reports bytes. */
@Component
public final class WindowsProcessMemory implements ProcessMemory {

    private final WindowsMemory windows;

    @Activate
    public WindowsProcessMemory() {
        this(new JnaWindowsMemory());
    }

    WindowsProcessMemory(WindowsMemory windows) {
        this.windows = windows;
    }

    @Override
    public OptionalLong residentBytes() {
        return windows.workingSetBytes();
    }

    @Override
    public long trimNativeHeap() {
        return -1;
    }
}
