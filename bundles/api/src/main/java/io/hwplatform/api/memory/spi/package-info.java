/**
 * What operating-system bundles provide to the memory governor: {@link io.hwplatform.api.memory.spi.PressureSource}s
 * (PSI, cgroup limits, the balloon, Windows notifications), the balloon's {@link io.hwplatform.api.memory.spi.BalloonGauge}
 * and the process's {@link io.hwplatform.api.memory.spi.ProcessMemory}. Applications do not use this package; they
 * use {@link io.hwplatform.api.memory.MemoryGovernor} and register {@link io.hwplatform.api.memory.MemoryReclaimer}s.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hwplatform.api.memory.spi;
