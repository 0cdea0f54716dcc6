package io.hwplatform.example.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NumaLocalCacheTest {

    private final AtomicInteger open = new AtomicInteger();
    private final NumaLocalCache cache = new NumaLocalCache(heapAllocator(), config(1, 64L << 20, 1 << 20));

    @Test
    void fillsUpToItsCapacityOnItsNode() {
        assertThat(cache.fill(10L << 20)).isEqualTo(10L << 20);
        assertThat(cache.fill(100L << 20)).isEqualTo(54L << 20);
        assertThat(cache.stats().bytes()).isEqualTo(64L << 20);
        assertThat(cache.stats().node()).isEqualTo(1);
        assertThat(open.get()).isEqualTo(64);
    }

    @Test
    void reclaimDropsTheOldestEntriesAndKeepsTheCacheSmallUntilRelieved() {
        cache.fill(32L << 20);

        long released = cache.reclaim(10L << 20, PressureLevel.MODERATE);

        assertThat(released).isEqualTo(10L << 20);
        assertThat(cache.stats().bytes()).isEqualTo(22L << 20);
        assertThat(open.get()).isEqualTo(22);
        assertThat(cache.fill(10L << 20)).as("no growth under pressure").isZero();
        cache.reclaim(64L << 20, PressureLevel.CRITICAL);
        assertThat(cache.fill(10L << 20)).as("but a tenth of the capacity stays usable").isEqualTo(6L << 20);
        cache.relieved();
        assertThat(cache.fill(10L << 20)).isEqualTo(10L << 20);
        assertThat(cache.stats().reclaimedBytes()).isEqualTo(32L << 20);
    }

    @Test
    void aFillStopsWhenTheGovernorSaysThereIsPressure() {
        AtomicInteger entries = new AtomicInteger();
        PressureLevel[] level = {PressureLevel.NONE};
        MemoryGovernor governor = governorAt(() -> entries.incrementAndGet() > 5 ? level[0] = PressureLevel.MODERATE
                : level[0]);
        cache.setGovernor(governor);

        assertThat(cache.fill(32L << 20)).as("stopped after five entries").isEqualTo(5L << 20);
        assertThat(cache.stats().refusals()).isEqualTo(1);
        assertThat(cache.fill(1L << 20)).isZero();
        cache.unsetGovernor(governor);
        assertThat(cache.fill(1L << 20)).as("without a governor the cache grows").isEqualTo(1L << 20);
    }

    @Test
    void clearClosesEverything() {
        cache.fill(8L << 20);
        cache.clear();
        assertThat(open.get()).isZero();
        assertThat(cache.stats().bytes()).isZero();
    }

    private NumaAllocator heapAllocator() {
        return new NumaAllocator() {
            @Override
            public NumaBuffer allocate(int size, int preferredNode) {
                return allocate(size, preferredNode, AllocationPolicy.FALLBACK);
            }

            @Override
            public NumaBuffer allocateNear(String device, int size) {
                return allocate(size, 0);
            }

            @Override
            public NumaBuffer allocateNear(String device, int size, AllocationPolicy policy) {
                return allocate(size, 0, policy);
            }

            @Override
            public int nodeFor(String device) {
                return 0;
            }

            @Override
            public NumaBuffer allocate(int size, int preferredNode, AllocationPolicy policy) {
                open.incrementAndGet();
                ByteBuffer memory = ByteBuffer.allocate(size);
                return new NumaBuffer() {
                    private boolean closed;

                    @Override
                    public ByteBuffer buffer() {
                        return memory;
                    }

                    @Override
                    public int size() {
                        return size;
                    }

                    @Override
                    public int requestedNode() {
                        return preferredNode;
                    }

                    @Override
                    public int node() {
                        return preferredNode;
                    }

                    @Override
                    public boolean verified() {
                        return true;
                    }

                    @Override
                    public AllocationStep step() {
                        return AllocationStep.PREFERRED;
                    }

                    @Override
                    public boolean isOpen() {
                        return !closed;
                    }

                    @Override
                    public void close() {
                        if (!closed) {
                            closed = true;
                            open.decrementAndGet();
                        }
                    }
                };
            }

            @Override
            public SortedSet<Integer> nodesOf(String device) {
                return new java.util.TreeSet<>();
            }

            @Override
            public boolean isNumaAware() {
                return false;
            }

            @Override
            public Optional<String> bindingUnavailable() {
                return Optional.empty();
            }

            @Override
            public NumaTopology topology() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PoolStats stats() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long trim() {
                return 0;
            }
        };
    }

    /** A governor of which the cache asks only the level; the rest is not its business. */
    private static MemoryGovernor governorAt(java.util.function.Supplier<PressureLevel> level) {
        return (MemoryGovernor) java.lang.reflect.Proxy.newProxyInstance(MemoryGovernor.class.getClassLoader(),
                new Class<?>[] {MemoryGovernor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("level")) {
                        return level.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static CacheConfig config(int node, long capacity, int entryBytes) {
        return new CacheConfig() {
            @Override
            public int node() {
                return node;
            }

            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public int entry_bytes() {
                return entryBytes;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CacheConfig.class;
            }
        };
    }
}
