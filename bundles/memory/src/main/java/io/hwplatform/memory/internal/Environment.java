package io.hwplatform.memory.internal;

import java.util.OptionalLong;

/** What the governor does to the world outside the reclaimers: measure, trim, collect. Faked in tests. */
interface Environment {

    /** @return the process's resident memory, when the OS tells */
    OptionalLong residentBytes();

    /** @return bytes the NUMA pool returned to the OS (0 when there is no pool) */
    long trimNumaPool();

    /** @return bytes of native heap returned to the OS, or -1 when unknown */
    long trimNativeHeap();

    /** Asks the JVM for a collection that gives heap back; @return false when explicit collections are disabled */
    boolean collectGarbage();
}
