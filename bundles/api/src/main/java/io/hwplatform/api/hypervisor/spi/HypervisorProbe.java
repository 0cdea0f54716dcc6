package io.hwplatform.api.hypervisor.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads one platform's signals (KVM, VMware, Hyper-V, Xen, ...) and reports what they mean. Platform bundles register
 * implementations as services; the detector binds them all and weighs their findings.
 *
 * <p>A probe reads only through the {@link HostSignals} it is given, so that a captured tree is examined exactly as the
 * live host. It should never throw: bad input is evidence, not an error. A probe that throws anyway is recorded as
 * evidence and ignored for that detection.
 */
@ConsumerType
public interface HypervisorProbe {

    /** @return a short name shown in diagnostics, e.g. {@code kvm} */
    String name();

    /**
     * @param host the host's signals for this detection
     * @return what the signals mean; empty when nothing here concerns this platform
     */
    List<Finding> examine(HostSignals host);
}
