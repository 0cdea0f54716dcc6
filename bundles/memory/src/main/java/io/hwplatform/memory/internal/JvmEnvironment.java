package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.spi.ProcessMemory;
import io.hwplatform.api.numa.NumaAllocator;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/** The live environment: the optional NUMA pool and OS bundle, and the JVM's own collector. */
final class JvmEnvironment implements Environment {

    /** Set by the component as the optional services come and go. */
    volatile NumaAllocator numa;
    volatile ProcessMemory process;
    private final boolean explicitGcDisabled = ManagementFactory.getRuntimeMXBean().getInputArguments()
            .contains("-XX:+DisableExplicitGC");

    @Override
    public OptionalLong residentBytes() {
        ProcessMemory os = process;
        return os == null ? OptionalLong.empty() : os.residentBytes();
    }

    @Override
    public long trimNumaPool() {
        NumaAllocator allocator = numa;
        return allocator == null ? 0 : allocator.trim();
    }

    @Override
    public long trimNativeHeap() {
        ProcessMemory os = process;
        return os == null ? -1 : os.trimNativeHeap();
    }

    /**
     * A full collection shrinks the heap per MinHeapFreeRatio/MaxHeapFreeRatio with G1, Parallel and Serial; ZGC and
     * Shenandoah uncommit after their delay. Pressure reclaims are rare and spaced by the cooldown, so its pause is
     * the price of memory the hypervisor can actually take.
     */
    @Override
    public boolean collectGarbage() {
        if (explicitGcDisabled) {
            return false;
        }
        System.gc();
        return true;
    }
}
