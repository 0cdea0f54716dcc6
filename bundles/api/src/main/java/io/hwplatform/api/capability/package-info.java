/**
 * Platform capabilities: facts about the machine (hypervisor, NUMA, balloon, memory pressure, ...) published as OSGi
 * services, so that other bundles can depend on them with an ordinary service reference such as
 * {@code @Reference(target = "(platform.capability=numa)") PlatformCapability numa}.
 *
 * <p>Facts are registered through the {@link io.hwplatform.api.capability.CapabilityRegistry}, which belongs to the
 * calling bundle: a bundle's capabilities vanish when it stops, exactly like its services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hwplatform.api.capability;
