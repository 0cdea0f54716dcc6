package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.spi.BalloonGauge;
import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.KeptFiles;
import io.hwplatform.support.pressure.SamplingSource;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The balloon, sampled once a second: its size where the kernel counts it ({@code Balloon:} in /proc/meminfo,
 * {@code nr_balloon_pages}, the balloon-compaction events of /proc/vmstat), else how far MemTotal has shrunk since the
 * source started (a virtio balloon without deflate-on-OOM takes memory off MemTotal), and Xen's target against its
 * current allocation. When the balloon grows, the growth is what is wanted
 * back; when MemAvailable falls under 5 % of MemTotal, pressure is CRITICAL.
 */
@Component(service = {PressureSource.class, BalloonGauge.class}, property = PressureSource.NAME + "=balloon")
public final class BalloonSource extends SamplingSource implements BalloonGauge {

    static final String XEN = "/sys/devices/system/xen_memory/xen_memory0";
    /** Growth smaller than this is noise (page accounting, MemTotal rounding). */
    static final long SIGNIFICANT = 4L << 20;
    static final double CRITICAL_AVAILABLE = 0.05;

    private final HostRoot root;
    /** Kept descriptors: sampling must go on while the process is throttled for what it opens. */
    private final KeptFiles files;
    private final long pageBytes;
    private long largestMemTotal;
    private long lastSize = -1;
    private volatile OptionalLong size = OptionalLong.empty();
    private volatile OptionalLong target = OptionalLong.empty();

    @Activate
    public BalloonSource(BundleContext context) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)), 1000);
    }

    BalloonSource(HostRoot root, long periodMillis) {
        super("balloon", "the balloon's size in /proc/meminfo, /proc/vmstat or Xen's xen_memory0, every "
                + periodMillis + " ms", periodMillis);
        this.root = root;
        this.files = new KeptFiles(root);
        this.pageBytes = pageSize(root);
    }

    /**
     * The kernel's page size: the root's {@code /proc/self/smaps} says it for a captured tree, {@code getpagesize()}
     * for the live kernel; 4096 when neither can be had.
     */
    private static long pageSize(HostRoot root) {
        if (root.isLive()) {
            try {
                return Libc.getpagesize();
            } catch (LinkageError noNativeAccess) {
                return BalloonReading.DEFAULT_PAGE;
            }
        }
        return new HostFiles(root).text("/proc/self/smaps").map(BalloonReading::kernelPageSize)
                .flatMap(size -> size.isPresent() ? Optional.of(size.getAsLong()) : Optional.empty())
                .orElse(BalloonReading.DEFAULT_PAGE);
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
        return new HostFiles(root).text("/proc/meminfo").isPresent();
    }

    @Override
    protected void sample() {
        BalloonReading reading = BalloonReading.parse(read("/proc/meminfo").orElse(""), read("/proc/vmstat").orElse(""),
                read(XEN + "/target_kb").orElse(null), read(XEN + "/info/current_kb").orElse(null), pageBytes);
        Judgement judgement = judge(reading);
        report(judgement.level(), judgement.bytesWanted(), judgement.detail());
    }

    record Judgement(PressureLevel level, long bytesWanted, String detail) {}

    /** Keeps the largest MemTotal and the last size between samples; otherwise a pure function of the reading. */
    synchronized Judgement judge(BalloonReading reading) {
        largestMemTotal = Math.max(largestMemTotal, reading.memTotal());
        long current = reading.balloon().orElse(largestMemTotal - reading.memTotal());
        long growth = lastSize < 0 ? 0 : current - lastSize;
        lastSize = current;
        size = OptionalLong.of(current);
        target = reading.xenTarget();
        long xenOwed = reading.xenTarget().isPresent() && reading.xenCurrent().isPresent()
                ? reading.xenCurrent().getAsLong() - reading.xenTarget().getAsLong() : 0;

        PressureLevel level = PressureLevel.NONE;
        long wanted = 0;
        if (growth >= SIGNIFICANT || xenOwed >= SIGNIFICANT) {
            level = PressureLevel.MODERATE;
            wanted = Math.max(growth, xenOwed);
        }
        if (reading.memTotal() > 0 && reading.memAvailable() < CRITICAL_AVAILABLE * reading.memTotal()) {
            level = PressureLevel.CRITICAL;
        }
        String detail = "balloon " + (current >> 20) + " MiB" + (growth != 0 ? " (" + (growth > 0 ? "+" : "")
                + (growth >> 20) + " MiB)" : "") + (xenOwed > 0 ? ", Xen owes " + (xenOwed >> 20) + " MiB" : "")
                + ", MemAvailable " + (reading.memAvailable() >> 20) + " of " + (reading.memTotal() >> 20) + " MiB";
        return new Judgement(level, wanted, detail);
    }

    @Override
    public Optional<BalloonKind> kind() {
        return target.isPresent() ? Optional.of(BalloonKind.XEN) : Optional.empty(); // only Xen tells a target
    }

    @Override
    public OptionalLong sizeBytes() {
        return size;
    }

    @Override
    public OptionalLong targetBytes() {
        return target;
    }

    private Optional<String> read(String path) {
        return files.text(path);
    }
}
