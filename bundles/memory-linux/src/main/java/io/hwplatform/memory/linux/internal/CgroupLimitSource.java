package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.host.HostRoot;
import io.hwplatform.api.host.HostText;
import io.hwplatform.api.host.ProcFormats;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.PressureSource;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The cgroup v2 memory limits of this process: {@code memory.current} close to {@code memory.high} or
 * {@code memory.max}, and new {@code high}/{@code max}/{@code oom} events in {@code memory.events}. Needs no
 * privileges. Sampled once a second.
 */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=cgroup")
public final class CgroupLimitSource extends SamplingSource {

    /** Pressure starts at this share of a limit; the governor is asked to get back down to {@link #TARGET}. */
    static final double NEAR = 0.95;
    static final double TARGET = 0.85;

    private final HostRoot root;
    private final String directory;
    private Map<String, Long> lastEvents;

    @Activate
    public CgroupLimitSource(BundleContext context) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)), 1000);
    }

    CgroupLimitSource(HostRoot root, long periodMillis) {
        super("cgroup", "", periodMillis);
        this.root = root;
        this.directory = Cgroups.ownDirectory(root).filter(dir -> read(root, dir + "/memory.current").isPresent())
                .orElse(null);
        describe(directory == null ? "no cgroup v2 memory controller of our own"
                : "memory.current against memory.high and memory.max, and memory.events, in " + directory);
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
    protected void sample() {
        if (directory == null) {
            return;
        }
        Map<String, Long> events = read(root, directory + "/memory.events").map(ProcFormats::spaceSeparated)
                .orElse(Map.of());
        Limits limits = new Limits(number(directory + "/memory.current"), number(directory + "/memory.high"),
                number(directory + "/memory.max"));
        Judgement judgement = judge(limits, lastEvents, events);
        lastEvents = events;
        report(judgement.level(), judgement.bytesWanted(), judgement.detail());
    }

    /** The three numbers; an absent limit ({@code max}) is empty. */
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
        Optional<String> text = read(root, path);
        try {
            return text.isEmpty() || text.get().equals("max") ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(text.get()));
        } catch (NumberFormatException garbled) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> read(HostRoot root, String path) {
        return HostText.read(root.resolve(path)).text();
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? (bytes.getAsLong() >> 20) + " MiB" : "-";
    }
}
