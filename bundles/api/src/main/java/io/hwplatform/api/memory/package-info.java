/**
 * Memory pressure and balloon cooperation, as applications use it: give memory back before the guest suffers.
 *
 * <p>The {@link io.hwplatform.api.memory.MemoryGovernor} hears the pressure sources and asks the application's
 * {@link io.hwplatform.api.memory.MemoryReclaimer}s (a whiteboard, highest {@code service.ranking} first) to free
 * memory, then returns it to the operating system so that the hypervisor can take it. What operating-system bundles
 * provide to the governor is in {@link io.hwplatform.api.memory.spi}.
 *
 * <p>2.0.0: the provider types moved to {@code io.hwplatform.api.memory.spi}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package io.hwplatform.api.memory;
