package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.pressure.WatchedSource;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The v1 memory controller's own pressure notifications ({@code memory.pressure_level}, registered through
 * {@code cgroup.event_control} with an eventfd per level): {@code medium} is MODERATE, {@code critical} CRITICAL,
 * four quiet seconds NONE. cgroup v1 has no PSI; this is the kernel's word on reclaim in our cgroup. Where
 * {@code cgroup.event_control} is not writable (a read-only cgroupfs in a container) it says so and stays idle.
 */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=cgroup-v1-pressure")
public final class CgroupV1PressureSource extends WatchedSource {

    static final List<String> LEVELS = List.of("medium", "critical");
    private static final int QUIET_MILLIS = 4000;

    private final HostRoot root;
    private final String directory;
    private TriggerWatch watch;

    @Activate
    public CgroupV1PressureSource(BundleContext context) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)));
    }

    CgroupV1PressureSource(HostRoot root) {
        super("cgroup-v1-pressure", "");
        this.root = root;
        this.directory = CgroupLimitSource.locate(root)
                .filter(location -> location.version() == CgroupLocator.Version.V1)
                .map(CgroupLocator.Location::own)
                .filter(dir -> new HostFiles(root).exists(dir + "/memory.pressure_level"))
                .orElse(null);
        describe(directory == null ? "no cgroup v1 memory controller of our own with memory.pressure_level"
                : "memory.pressure_level of " + directory + " (" + String.join(", ", LEVELS) + ")");
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }

    @Override
    public boolean isAvailable() {
        return directory != null;
    }

    @Override
    protected void start() {
        if (directory == null) {
            return;
        }
        if (!root.isLive()) {
            describe("memory.pressure_level of " + directory + ": a captured tree sends no notifications");
            return;
        }
        try {
            watch = TriggerWatch.cgroupV1(root.resolve(directory).toString(), LEVELS, QUIET_MILLIS, this::fired,
                    this::lost, failure -> failed("watching memory.pressure_level failed", failure),
                    "hwplatform-cgroup-v1-pressure");
            describe("kernel notifications " + LEVELS + " on " + directory + "/memory.pressure_level");
        } catch (TriggerWatch.Refused refused) {
            describe("memory.pressure_level of " + directory + ": notifications refused (" + refused.getMessage()
                    + ")");
        }
    }

    @Override
    protected void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private void fired(int level) {
        PressureLevel pressure = level < 0 ? PressureLevel.NONE
                : level == 0 ? PressureLevel.MODERATE : PressureLevel.CRITICAL;
        report(pressure, 0, level < 0 ? "quiet" : "level '" + LEVELS.get(level) + "' on " + directory);
    }

    private void lost(String why) {
        describe(directory + ": " + why);
        report(PressureLevel.NONE, 0, why);
    }
}
