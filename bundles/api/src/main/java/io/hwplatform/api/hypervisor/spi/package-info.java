/**
 * What platform bundles provide to the hypervisor detector: {@link io.hwplatform.api.hypervisor.spi.HypervisorProbe}s
 * that read their platform's signals through {@link io.hwplatform.api.hypervisor.spi.HostSignals} and report
 * {@link io.hwplatform.api.hypervisor.spi.Finding}s, and, for an OS whose signals are not files, the
 * {@link io.hwplatform.api.hypervisor.spi.LiveHostSignals} of the live machine. Applications do not use this
 * package; they use {@link io.hwplatform.api.hypervisor.HypervisorDetector}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hwplatform.api.hypervisor.spi;
