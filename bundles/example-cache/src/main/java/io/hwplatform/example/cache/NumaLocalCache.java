package io.hwplatform.example.cache;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryReclaimer;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * What an application does to cooperate with the balloon: keep its cache in node-local off-heap memory, register as a
 * {@link MemoryReclaimer} (ranked high: a cache is the cheapest thing to rebuild), drop its oldest entries when asked,
 * stay small while there is pressure and grow back once it is gone. The governor then trims the NUMA pool, so the
 * freed chunks go back to the OS and the hypervisor can take them.
 */
@Component(service = {NumaLocalCache.class, MemoryReclaimer.class}, configurationPid = "io.hwplatform.example.cache",
        property = {MemoryReclaimer.NAME + "=example-cache", "service.ranking:Integer=1000"})
@Designate(ocd = CacheConfig.class)
public final class NumaLocalCache implements MemoryReclaimer {

    private final NumaAllocator allocator;
    /** Told before growing: under pressure the cache grows no further (optional: the cache works without it). */
    private volatile MemoryGovernor governor;
    private final int node;
    private final long configuredCapacity;
    private final int entryBytes;
    private final Deque<NumaBuffer> entries = new ArrayDeque<>();
    private long bytes;
    private long capacity;
    private long reclaimedBytes;
    private int reclaims;
    private int refusals;

    @Activate
    public NumaLocalCache(@Reference NumaAllocator allocator, CacheConfig config) {
        this.allocator = allocator;
        this.node = config.node();
        this.configuredCapacity = config.capacity();
        this.capacity = config.capacity();
        this.entryBytes = config.entry_bytes();
    }

    @Deactivate
    synchronized void deactivate() {
        clear();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGovernor(MemoryGovernor memoryGovernor) {
        this.governor = memoryGovernor;
    }

    void unsetGovernor(MemoryGovernor memoryGovernor) {
        if (this.governor == memoryGovernor) {
            this.governor = null;
        }
    }

    /**
     * Adds entries until the cache holds {@code wanted} more bytes, its capacity is reached, or memory pressure
     * begins (MODERATE or worse): a cache that keeps growing into a cgroup limit would stall the process there.
     *
     * @return bytes added
     */
    public synchronized long fill(long wanted) {
        long added = 0;
        while (added < wanted && bytes + entryBytes <= capacity && !underPressure()) {
            NumaBuffer entry = allocator.allocate(entryBytes, node);
            entry.buffer().putLong(0, System.nanoTime()); // a real cache would write its value here
            entries.addLast(entry);
            bytes += entryBytes;
            added += entryBytes;
        }
        return added;
    }

    /**
     * Drops the oldest entries until enough is released. While pressure lasts the cache grows no further than it is
     * now, but never gets a smaller limit than a tenth of its configured capacity (Infinispan's floor): a cache that
     * cannot hold anything is no cache.
     */
    @Override
    public synchronized long reclaim(long bytesWanted, PressureLevel level) {
        long released = 0;
        while (released < bytesWanted && !entries.isEmpty()) {
            entries.removeFirst().close();
            bytes -= entryBytes;
            released += entryBytes;
        }
        capacity = Math.max(Math.min(capacity, bytes), configuredCapacity / 10);
        reclaimedBytes += released;
        reclaims++;
        return released;
    }

    private boolean underPressure() {
        MemoryGovernor current = governor;
        boolean pressure = current != null && current.level().compareTo(PressureLevel.MODERATE) >= 0;
        if (pressure) {
            refusals++;
        }
        return pressure;
    }

    /** Pressure is gone: the cache may grow back to its configured capacity. */
    @Override
    public synchronized void relieved() {
        capacity = configuredCapacity;
    }

    /** Drops every entry. */
    public synchronized void clear() {
        entries.forEach(NumaBuffer::close);
        entries.clear();
        bytes = 0;
    }

    /** @return a snapshot of the counters */
    public synchronized Stats stats() {
        return new Stats(bytes, entries.size(), node, capacity, reclaimedBytes, reclaims, refusals);
    }

    /**
     * The cache's counters.
     *
     * @param bytes bytes held
     * @param entries entries held
     * @param node the node the memory is bound to
     * @param capacity the most it may hold now (lowered under pressure)
     * @param reclaimedBytes bytes given back under pressure since start
     * @param reclaims how often it was asked
     * @param refusals fills that stopped because there was memory pressure
     */
    public record Stats(long bytes, int entries, int node, long capacity, long reclaimedBytes, int reclaims,
            int refusals) {}
}
