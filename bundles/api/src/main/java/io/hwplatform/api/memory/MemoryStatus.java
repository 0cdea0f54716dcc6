package io.hwplatform.api.memory;

import io.hwplatform.api.hypervisor.BalloonKind;
import java.util.List;
import java.util.Objects;

/**
 * The governor's state.
 *
 * @param level the highest level any source reports now
 * @param sources what each source says now
 * @param balloonKind the balloon protocol, or null when there is no balloon
 * @param balloonBound whether a balloon driver is bound
 * @param balloonBytes bytes the balloon holds, or -1 when unknown
 * @param balloonTargetBytes bytes the hypervisor wants it to hold, or -1 when unknown
 * @param residentBytes the process's resident memory, or -1 when unknown
 * @param lastReclaim the last reclaim, or null when there was none
 * @param reclaimers the registered reclaimers, in the order they are asked: name and ranking
 */
public record MemoryStatus(PressureLevel level, List<MemoryPressure> sources, BalloonKind balloonKind,
        boolean balloonBound, long balloonBytes, long balloonTargetBytes, long residentBytes, ReclaimReport lastReclaim,
        List<ReclaimerResult> reclaimers) {

    /** @throws NullPointerException when level or a list is null */
    public MemoryStatus {
        Objects.requireNonNull(level, "level");
        sources = List.copyOf(sources);
        reclaimers = List.copyOf(reclaimers);
    }
}
