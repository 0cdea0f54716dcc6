/**
 * What a NUMA backend implements: the operating system's topology, node-bound chunks of memory and their release.
 * Applications do not use this package; they use {@link io.hwplatform.api.numa.NumaAllocator}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hwplatform.api.numa.spi;
