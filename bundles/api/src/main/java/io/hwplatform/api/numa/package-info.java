/**
 * NUMA: the machine's nodes, CPUs, memory, distances and device locality, and off-heap buffers bound to a chosen node.
 *
 * <p>{@link io.hwplatform.api.numa.NumaAllocator} is the service applications use. Operating-system bundles implement
 * the provider interfaces of {@code io.hwplatform.api.numa.spi}; the allocator binds the highest-ranked one that
 * resolved.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.3.0")
package io.hwplatform.api.numa;
