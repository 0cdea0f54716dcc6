package io.hwplatform.memory.internal;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.memory.spi.BalloonGauge;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The balloon as the hypervisor verdict and the OS bundle's gauge show it, either possibly absent. Shared by the
 * balloon driver and the governor's status, so that neither needs the other.
 */
final class BalloonState {

    private BalloonState() {}

    /** @return whether the verdict found a balloon driver bound */
    static boolean bound(HypervisorDetector detector) {
        return balloon(detector).map(Balloon::bound).orElse(false);
    }

    /** @return the balloon protocol: the verdict's, else the gauge's */
    static Optional<BalloonKind> kind(HypervisorDetector detector, BalloonGauge gauge) {
        return balloon(detector).map(Balloon::kind).or(() -> gauge == null ? Optional.empty() : gauge.kind());
    }

    static OptionalLong size(BalloonGauge gauge) {
        return gauge == null ? OptionalLong.empty() : gauge.sizeBytes();
    }

    static OptionalLong target(BalloonGauge gauge) {
        return gauge == null ? OptionalLong.empty() : gauge.targetBytes();
    }

    private static Optional<Balloon> balloon(HypervisorDetector detector) {
        return detector == null ? Optional.empty() : Optional.ofNullable(detector.info().balloon());
    }
}
