package io.hwplatform.api.memory.spi;

import java.util.OptionalLong;
import org.osgi.annotation.versioning.ConsumerType;

/** The operating system's view of this process's memory; implemented by OS bundles, used by the governor. */
@ConsumerType
public interface ProcessMemory {

    /** @return the process's resident memory now (RSS / working set) */
    OptionalLong residentBytes();

    /**
     * Returns free native heap to the operating system ({@code malloc_trim} on glibc).
     *
     * @return bytes returned where the platform tells, else -1
     */
    long trimNativeHeap();
}
