package io.hwplatform.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.numa.AllocationStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

/** Each check's verdict from the facts it reads: the statuses an operator's load balancer acts on. */
class ChecksTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final long MIB = 1 << 20;

    @Test
    void pressureIsOkWarnCriticalByTheHighestSource() {
        assertThat(PressureCheck.evaluate(status(PressureLevel.NONE, pressure(PressureLevel.NONE, "psi"))).getStatus())
                .isEqualTo(Result.Status.OK);
        Result moderate = PressureCheck.evaluate(status(PressureLevel.MODERATE,
                pressure(PressureLevel.NONE, "psi"), pressure(PressureLevel.MODERATE, "cgroup")));
        assertThat(moderate.getStatus()).isEqualTo(Result.Status.WARN);
        assertThat(messages(moderate)).contains("cgroup: moderate (read it)");
        assertThat(PressureCheck.evaluate(status(PressureLevel.CRITICAL, pressure(PressureLevel.CRITICAL, "balloon")))
                .getStatus()).isEqualTo(Result.Status.CRITICAL);
    }

    @Test
    void bindingTurnedOffWarnsWithTheKernelsReason() {
        Result result = NumaBindingCheck.evaluate(true, Optional.of("mbind: NOT_PERMITTED (EPERM)"), Map.of(),
                Map.of(AllocationStep.ANY, 5L));

        assertThat(result.getStatus()).isEqualTo(Result.Status.WARN);
        assertThat(messages(result)).anyMatch(line -> line.contains("EPERM"));
    }

    @Test
    void mostAllocationsFallingBackSinceTheLastRunWarns() {
        Map<AllocationStep, Long> before = Map.of(AllocationStep.PREFERRED, 1000L);
        Map<AllocationStep, Long> after = Map.of(AllocationStep.PREFERRED, 1040L, AllocationStep.NEAREST, 90L,
                AllocationStep.ANY, 10L);

        Result result = NumaBindingCheck.evaluate(true, Optional.empty(), before, after);

        assertThat(result.getStatus()).isEqualTo(Result.Status.WARN);
        assertThat(messages(result)).anyMatch(line -> line.startsWith("100 of 140 allocations"));
    }

    @Test
    void aFewFallbacksOrOneNodeAreFine() {
        assertThat(NumaBindingCheck.evaluate(true, Optional.empty(), Map.of(),
                Map.of(AllocationStep.NEAREST, 60L)).getStatus()).as("too few to say").isEqualTo(Result.Status.OK);
        assertThat(NumaBindingCheck.evaluate(true, Optional.empty(), Map.of(AllocationStep.NEAREST, 500L),
                Map.of(AllocationStep.NEAREST, 500L, AllocationStep.DEVICE, 400L)).getStatus())
                .as("old fallbacks do not count again").isEqualTo(Result.Status.OK);
        assertThat(NumaBindingCheck.evaluate(false, Optional.of("ENOSYS"), Map.of(),
                Map.of(AllocationStep.ANY, 1000L)).getStatus()).as("one node").isEqualTo(Result.Status.OK);
    }

    @Test
    void aGrowingBalloonWithNothingReleasedWarns() {
        BalloonCheck.Sample before = new BalloonCheck.Sample(T0, 100 * MIB);
        BalloonCheck.Sample now = new BalloonCheck.Sample(T0.plusSeconds(30), 612 * MIB);
        MemoryStatus bound = balloon(612 * MIB);

        Result idle = BalloonCheck.evaluate(before, now, bound, List.of(reclaim(T0.minusSeconds(5), 64 * MIB)));
        assertThat(idle.getStatus()).as("a reclaim before the window does not count").isEqualTo(Result.Status.WARN);
        assertThat(messages(idle)).anyMatch(line -> line.contains("grew by 512.0MB"));

        Result answered = BalloonCheck.evaluate(before, now, bound, List.of(reclaim(T0.plusSeconds(10), 300 * MIB)));
        assertThat(answered.getStatus()).isEqualTo(Result.Status.OK);
    }

    @Test
    void aSteadyOrShrinkingOrAbsentBalloonIsFine() {
        BalloonCheck.Sample before = new BalloonCheck.Sample(T0, 600 * MIB);
        assertThat(BalloonCheck.evaluate(before, new BalloonCheck.Sample(T0.plusSeconds(30), 200 * MIB),
                balloon(200 * MIB), List.of()).getStatus()).isEqualTo(Result.Status.OK);
        assertThat(BalloonCheck.evaluate(null, new BalloonCheck.Sample(T0, 600 * MIB), balloon(600 * MIB), List.of())
                .getStatus()).as("the first run has nothing to compare with").isEqualTo(Result.Status.OK);
        MemoryStatus none = new MemoryStatus(PressureLevel.NONE, List.of(), null, false, -1, -1, 1 << 30, null,
                List.of());
        assertThat(BalloonCheck.evaluate(before, new BalloonCheck.Sample(T0, -1), none, List.of()).getStatus())
                .isEqualTo(Result.Status.OK);
    }

    private static MemoryStatus status(PressureLevel level, MemoryPressure... sources) {
        return new MemoryStatus(level, List.of(sources), null, false, -1, -1, 1 << 30, null, List.of());
    }

    private static MemoryStatus balloon(long bytes) {
        return new MemoryStatus(PressureLevel.NONE, List.of(), BalloonKind.VIRTIO, true, bytes, bytes, 1 << 30, null,
                List.of());
    }

    private static MemoryPressure pressure(PressureLevel level, String source) {
        return new MemoryPressure(level, source, 0, T0, "read it");
    }

    private static ReclaimReport reclaim(Instant time, long released) {
        return new ReclaimReport(time, PressureLevel.MODERATE, "balloon", released, released, List.of(), 0, -1, -1, 5);
    }

    private static List<String> messages(Result result) {
        return StreamSupport.stream(result.spliterator(), false).map(entry -> entry.getMessage()).toList();
    }
}
