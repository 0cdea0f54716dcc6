package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.memory.spi.ProcessMemory;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.KeptFiles;
import io.hwplatform.support.host.ProcFormats;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * This process's resident memory ({@code VmRSS} of /proc/self/status) and glibc's {@code malloc_trim}. Always the
 * live process: a captured tree's /proc/self says nothing about this JVM.
 */
@Component
public final class LinuxProcessMemory implements ProcessMemory {

    /** Kept open: the governor measures around a reclaim, when the process may be throttled for what it opens. */
    private final KeptFiles status = new KeptFiles(HostRoot.live());

    @Deactivate
    void deactivate() {
        status.close();
    }

    @Override
    public OptionalLong residentBytes() {
        return status.text("/proc/self/status")
                .map(ProcFormats::colonSeparated)
                .map(status -> status.containsKey("VmRSS") ? OptionalLong.of(status.get("VmRSS")) : OptionalLong.empty())
                .orElse(OptionalLong.empty());
    }

    /** @return how much the resident size fell while trimming (glibc says only whether it trimmed), or -1 */
    @Override
    public long trimNativeHeap() {
        long before = residentBytes().orElse(-1);
        try {
            Glibc.malloc_trim(0);
        } catch (LinkageError notGlibc) {
            return -1;
        }
        long after = residentBytes().orElse(-1);
        return before < 0 || after < 0 ? -1 : Math.max(0, before - after);
    }
}
