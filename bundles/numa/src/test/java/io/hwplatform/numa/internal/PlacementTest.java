package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Slots, chains and back-off: what the fast path relies on. */
class PlacementTest {

    private final FakeBackend backend = new FakeBackend("fake", "10 21 31", "21 10 21", "31 21 10");
    private final Placement placement = new Placement(backend.topology(), backend.bindableNodes());

    @Test
    void slotZeroIsUnboundMemoryAndEachNodeHasItsOwn() {
        assertThat(placement.slots()).isEqualTo(4);
        assertThat(placement.slot(-1)).isZero();
        assertThat(new TreeSet<>(java.util.List.of(placement.slot(0), placement.slot(1), placement.slot(2))))
                .containsExactly(1, 2, 3);
        assertThat(placement.nodeOfSlot(placement.slot(2))).isEqualTo(2);
    }

    @Test
    void chainsAreComputedOnceAndEndInUnboundMemory() {
        Chain chain = placement.chain(0, AllocationPolicy.FALLBACK, AllocationStep.PREFERRED);

        assertThat(placement.chain(0, AllocationPolicy.FALLBACK, AllocationStep.PREFERRED)).isSameAs(chain);
        assertThat(chain.nodes()).containsExactly(0, 1, 2, -1);
        assertThat(chain.steps()).containsExactly(AllocationStep.PREFERRED, AllocationStep.NEAREST,
                AllocationStep.NEAREST, AllocationStep.ANY);
        assertThat(placement.chain(0, AllocationPolicy.STRICT, AllocationStep.PREFERRED).nodes()).containsExactly(0);
    }

    @Test
    void aFullNodeIsSkippedForAWhileAndForbiddenBindingForever() {
        assertThat(placement.anyRefusal()).isFalse();

        String warning = placement.refused(1, new NumaBindException(NumaBindException.Reason.NODE_FULL, "full"));

        assertThat(warning).isNull();
        assertThat(placement.anyRefusal()).isTrue();
        assertThat(placement.skip(1)).isTrue();
        assertThat(placement.skip(0)).isFalse();
        assertThat(placement.skip(-1)).as("unbound memory is never skipped").isFalse();

        String forbidden = placement.refused(0, new NumaBindException(NumaBindException.Reason.NOT_PERMITTED, "EPERM"));
        assertThat(forbidden).contains("unavailable").contains("EPERM");
        assertThat(placement.refused(2, new NumaBindException(NumaBindException.Reason.NOT_PERMITTED, "EPERM")))
                .as("warned once").isNull();
        assertThat(placement.chain(0, AllocationPolicy.FALLBACK, AllocationStep.PREFERRED).nodes()).containsExactly(-1);
        assertThat(placement.chain(0, AllocationPolicy.STRICT, AllocationStep.PREFERRED).nodes()).isEmpty();
        assertThat(placement.numaAware()).isFalse();
    }
}
