package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.KeptFiles;
import io.hwplatform.support.host.ProcFormats;
import io.hwplatform.support.pressure.SamplingSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The memory limits of this process's cgroup, wherever the kernel put it ({@link CgroupLocator}): on cgroup v2
 * {@code memory.current} close to {@code memory.high} or {@code memory.max}, and new {@code high}/{@code max}/
 * {@code oom} events in {@code memory.events}; on the v1 memory controller {@code memory.usage_in_bytes} against
 * {@code memory.soft_limit_in_bytes} and {@code memory.limit_in_bytes}, a growing {@code memory.failcnt} and
 * {@code oom_kill} of {@code memory.oom_control}. The limits are read at every sample, so a limit lowered under us is
 * seen within a second. Needs no privileges.
 */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=cgroup")
public final class CgroupLimitSource extends SamplingSource {

    /** Pressure starts at this share of a limit; the governor is asked to get back down to {@link #TARGET}. */
    static final double NEAR = 0.95;
    static final double TARGET = 0.85;
    /** Twice a second: a limit lowered under us leaves little time before the kernel throttles every thread. */
    static final long PERIOD_MILLIS = 500;

    private final CgroupLocator.Location location;
    /** Read through kept descriptors: this source must see while the process is over its limit. */
    private final KeptFiles files;
    private Map<String, Long> lastEvents;

    /**
     * Watching a live cgroup, this source also keeps the process's code resident ({@link ResidentCode}), unless the
     * framework property {@value ResidentCode#PROPERTY} is {@code false}: without it nothing can react once a limit
     * is lowered under the usage.
     */
    @Activate
    public CgroupLimitSource(BundleContext context) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)), PERIOD_MILLIS,
                !"false".equalsIgnoreCase(context.getProperty(ResidentCode.PROPERTY)));
    }

    CgroupLimitSource(HostRoot root, long periodMillis, boolean lockCode) {
        super("cgroup", "", periodMillis);
        this.files = new KeptFiles(root);
        this.location = locate(root).orElse(null);
        String how = location == null ? "no memory cgroup of our own in /proc/self/cgroup and /proc/self/mountinfo"
                : location.found() + (location.version() == CgroupLocator.Version.V2
                        ? ": memory.current against memory.high and memory.max, and memory.events"
                        : ": memory.usage_in_bytes against memory.soft_limit_in_bytes and memory.limit_in_bytes, "
                                + "memory.failcnt and memory.oom_control");
        boolean lock = lockCode && location != null && root.isLive();
        describe(lock ? how + "; " + ResidentCode.lockOnce() : how);
    }

    /** @return our memory cgroup as the (live or captured) root shows it */
    static Optional<CgroupLocator.Location> locate(HostRoot root) {
        return CgroupLocator.locate(read(root, "/proc/self/mountinfo").orElse(""),
                read(root, "/proc/self/cgroup").orElse(""), path -> read(root, path));
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }

    @Override
    protected void stop() {
        super.stop();
        files.close();
    }

    @Override
    public boolean isAvailable() {
        return location != null;
    }

    @Override
    protected void sample() {
        if (location == null) {
            return;
        }
        String dir = location.limited();
        Limits limits;
        Map<String, Long> events;
        if (location.version() == CgroupLocator.Version.V2) {
            limits = new Limits(number(dir + "/memory.current"), number(dir + "/memory.high"),
                    number(dir + "/memory.max"));
            events = files.text(dir + "/memory.events").map(ProcFormats::spaceSeparated).orElse(Map.of());
        } else {
            limits = new Limits(number(dir + "/memory.usage_in_bytes"), v1Limit(dir + "/memory.soft_limit_in_bytes"),
                    v1Limit(dir + "/memory.limit_in_bytes"));
            Map<String, Long> v1 = new HashMap<>();
            number(dir + "/memory.failcnt").ifPresent(failures -> v1.put("max", failures));
            files.text(dir + "/memory.oom_control").map(ProcFormats::spaceSeparated)
                    .map(control -> control.get("oom_kill")).ifPresent(kills -> v1.put("oom_kill", kills));
            events = v1;
        }
        Judgement judgement = judge(limits, lastEvents, events);
        lastEvents = events;
        report(judgement.level(), judgement.bytesWanted(), judgement.detail());
    }

    /** The three numbers; an absent limit ({@code max}, or v1's page-rounded LONG_MAX) is empty. */
    record Limits(OptionalLong current, OptionalLong high, OptionalLong max) {}

    record Judgement(PressureLevel level, long bytesWanted, String detail) {}

    /** Pure: what the limits and the events since last time say. */
    static Judgement judge(Limits limits, Map<String, Long> before, Map<String, Long> now) {
        long current = limits.current().orElse(0);
        long newHigh = increase(before, now, "high");
        long newMax = increase(before, now, "max") + increase(before, now, "oom") + increase(before, now, "oom_kill");
        PressureLevel level = PressureLevel.NONE;
        long wanted = 0;
        if (limits.max().isPresent() && current >= NEAR * limits.max().getAsLong() || newMax > 0) {
            level = PressureLevel.CRITICAL;
            wanted = limits.max().isPresent() ? Math.max(0, current - (long) (TARGET * limits.max().getAsLong())) : 0;
        } else if (limits.high().isPresent() && current >= NEAR * limits.high().getAsLong() || newHigh > 0) {
            level = PressureLevel.MODERATE;
            wanted = limits.high().isPresent() ? Math.max(0, current - (long) (TARGET * limits.high().getAsLong())) : 0;
        }
        String detail = "current " + mib(limits.current()) + " / high " + mib(limits.high()) + " / max "
                + mib(limits.max()) + (newHigh + newMax > 0 ? ", events high +" + newHigh + " max/oom +" + newMax : "");
        return new Judgement(level, wanted, detail);
    }

    private static long increase(Map<String, Long> before, Map<String, Long> now, String key) {
        if (before == null) {
            return 0;
        }
        return Math.max(0, now.getOrDefault(key, 0L) - before.getOrDefault(key, 0L));
    }

    private OptionalLong number(String path) {
        return CgroupLocator.number(files.text(path)).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private OptionalLong v1Limit(String path) {
        OptionalLong limit = number(path);
        return limit.isPresent() && limit.getAsLong() >= CgroupLocator.V1_UNLIMITED ? OptionalLong.empty() : limit;
    }

    private static Optional<String> read(HostRoot root, String path) {
        return new HostFiles(root).text(path);
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? (bytes.getAsLong() >> 20) + " MiB" : "-";
    }
}
