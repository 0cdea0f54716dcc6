/**
 * Which hypervisor, cloud, container layer and balloon driver this JVM runs under, with the evidence for each verdict.
 *
 * <p>{@link io.hwplatform.api.hypervisor.HypervisorDetector} gives the verdict. Platform bundles contribute
 * {@link io.hwplatform.api.hypervisor.spi.HypervisorProbe}s that read their platform's signals through
 * {@link io.hwplatform.api.hypervisor.spi.HostSignals} and report {@link io.hwplatform.api.hypervisor.spi.Finding}s; the
 * detector weighs them in one documented order of precedence.
 *
 * <p>2.0.0: the provider types moved to {@code io.hwplatform.api.hypervisor.spi}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.hwplatform.api.hypervisor;
