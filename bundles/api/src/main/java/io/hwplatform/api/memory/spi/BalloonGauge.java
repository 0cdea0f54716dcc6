package io.hwplatform.api.memory.spi;

import io.hwplatform.api.hypervisor.BalloonKind;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ConsumerType;

/** The balloon's size as the platform shows it; implemented by OS bundles, read by the governor. */
@ConsumerType
public interface BalloonGauge {

    /** @return the protocol, when the platform tells */
    Optional<BalloonKind> kind();

    /** @return bytes the balloon holds now (taken from this guest), where the platform shows it */
    OptionalLong sizeBytes();

    /** @return bytes the hypervisor wants the balloon to hold, where the platform shows it (Xen, VMware) */
    OptionalLong targetBytes();
}
