/**
 * Memory pressure and balloon cooperation: give memory back before the guest suffers.
 *
 * <p>{@link io.hwplatform.api.memory.PressureSource}s (PSI, cgroup v2, the balloon, Windows notifications) tell the
 * governor how much pressure there is; the governor asks the application's
 * {@link io.hwplatform.api.memory.MemoryReclaimer}s (a whiteboard, highest {@code service.ranking} first) to free
 * memory, then returns it to the operating system so that the hypervisor can take it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hwplatform.api.memory;
