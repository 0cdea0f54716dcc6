package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaAllocationException;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.numa.linux.internal.LinuxNumaBackend;
import java.util.SortedSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The allocator over the real Linux backend on the kernel running the build: the first memory node is served and
 * verified; a node this kernel lacks falls back to the nearest one, recorded, or fails clearly when strict.
 */
class LinuxBackendAllocationTest {

    private final PoolingAllocator allocator = new PoolingAllocator();
    private SortedSet<Integer> bindable;

    @BeforeEach
    void useTheLinuxBackend() {
        NumaBackend backend = new LinuxNumaBackend(HostRoot.live());
        allocator.use(backend);
        bindable = backend.bindableNodes();
    }

    @Test
    void firstMemoryNodeIsServedAndVerified() {
        int node = bindable.first();
        try (NumaBuffer buffer = allocator.allocate(64 << 10, node)) {
            if (allocator.bindingUnavailable().isPresent()) {
                assertThat(buffer.step()).isEqualTo(AllocationStep.ANY);
                return;
            }
            assertThat(buffer.step()).isEqualTo(AllocationStep.PREFERRED);
            assertThat(buffer.verified()).isTrue();
            assertThat(buffer.node()).isEqualTo(node);
        }
    }

    @Test
    void aMissingNodeFallsBackAndRecordsIt() {
        int missing = bindable.last() + 1;
        try (NumaBuffer buffer = allocator.allocate(4096, missing)) {
            assertThat(buffer.requestedNode()).isEqualTo(missing);
            assertThat(buffer.step()).isIn(AllocationStep.NEAREST, AllocationStep.ANY);
            assertThat(buffer.node()).isNotEqualTo(missing);
        }
        assertThatThrownBy(() -> allocator.allocate(4096, missing, AllocationPolicy.STRICT))
                .isInstanceOf(NumaAllocationException.class)
                .hasMessageContaining("node " + missing);
    }
}
