package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.KeptFiles;
import io.hwplatform.support.pressure.WatchedSource;
import io.hwplatform.support.threads.Daemons;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Memory pressure from one PSI file: kernel triggers waited for with poll(2) where the kernel accepts them, else the
 * file's cumulative stall times sampled and compared with the same thresholds. A captured tree is always sampled.
 */
abstract class PsiSource extends WatchedSource {

    private final HostRoot root;
    /** Read through a kept descriptor: the report of a trigger that fired must not wait for the kernel's throttle. */
    private final KeptFiles files;
    /** The host path of the PSI file, or null when this source has none here. */
    private final String path;
    /** The triggers, MODERATE first, then CRITICAL. */
    private final List<PsiTrigger> triggers;
    /** What is written to create each trigger; the triggers' specs unless a service manager handed its own. */
    private final List<byte[]> writes;
    private final long sampleMillis;
    /** The longest trigger window: how far back sampling compares, and twice it how long quiet must last. */
    private final long longestWindowMicros;
    private TriggerWatch watch;
    private ScheduledExecutorService sampler;

    /**
     * @param path the PSI file, or null when this source has none here
     * @param unavailable why there is no file, when path is null
     * @param handedOver the trigger a service manager handed over to write instead of the configured ones, or null
     */
    PsiSource(String name, HostRoot root, String path, String unavailable, PsiConfig config, byte[] handedOver) {
        super(name, path == null ? unavailable : "PSI file " + path);
        this.root = root;
        this.files = new KeptFiles(root);
        this.path = path;
        this.triggers = List.of(PsiTrigger.parse(config.moderate_trigger()), PsiTrigger.parse(config.critical_trigger()));
        this.writes = handedOver != null ? List.of(handedOver) : triggers.stream()
                .map(trigger -> (trigger.spec() + "\0").getBytes(StandardCharsets.US_ASCII)).toList();
        this.sampleMillis = config.sample_ms();
        this.longestWindowMicros = triggers.stream().mapToLong(PsiTrigger::windowMicros).max().orElse(2_000_000);
    }

    @Override
    public boolean isAvailable() {
        return path != null && new HostFiles(root).text(path).flatMap(Psi::parse).isPresent();
    }

    @Override
    protected void start() {
        if (path == null) {
            return;
        }
        if (root.isLive()) {
            try {
                int quiet = (int) (2 * longestWindowMicros / 1000);
                watch = new TriggerWatch(path, writes, quiet, this::fired, this::lost,
                        failure -> failed("watching the triggers failed", failure), "hwplatform-psi-" + name());
                describe("kernel triggers " + triggerNames() + " on " + path);
                return;
            } catch (TriggerWatch.Refused refused) {
                describe("sampling " + path + " every " + sampleMillis + " ms against " + triggerNames()
                        + ": triggers refused (" + refused.getMessage() + ")");
            }
        } else {
            describe("sampling " + path + " of the captured tree every " + sampleMillis + " ms");
        }
        startSampling();
    }

    @Override
    protected void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
        files.close();
    }

    /** A trigger fired (index into the triggers), or the quiet period passed (-1). */
    private void fired(int trigger) {
        PressureLevel level = trigger < 0 ? PressureLevel.NONE
                : trigger == 0 ? PressureLevel.MODERATE : PressureLevel.CRITICAL;
        report(level, 0, read().map(Psi::describe).orElse("unreadable") + (trigger < 0 ? ""
                : " (trigger '" + triggers.get(trigger).spec() + "')"));
    }

    private void lost(String why) {
        describe(path + ": " + why);
        report(PressureLevel.NONE, 0, why);
    }

    private void startSampling() {
        Deque<long[]> readings = new ArrayDeque<>(); // {nanoTime, some total, full total}
        sampler = Daemons.scheduler("hwplatform-psi-" + name());
        sampler.scheduleAtFixedRate(surviving("sampling failed", () -> read().ifPresent(psi -> sample(psi, readings))),
                0, sampleMillis, TimeUnit.MILLISECONDS);
    }

    /** Compares this reading with the oldest one still inside the longest window. */
    private void sample(Psi psi, Deque<long[]> readings) {
        long now = System.nanoTime();
        long window = TimeUnit.MICROSECONDS.toNanos(longestWindowMicros);
        readings.addLast(new long[] {now, psi.someTotalMicros(), psi.fullTotalMicros()});
        while (readings.size() > 2 && now - readings.peekFirst()[0] > window) {
            readings.removeFirst();
        }
        long[] oldest = readings.peekFirst();
        Psi before = new Psi(0, oldest[1], 0, oldest[2]);
        long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(now - oldest[0]);
        PressureLevel level = PressureLevel.NONE;
        for (int i = 0; i < triggers.size(); i++) {
            if (triggers.get(i).exceededBy(before, psi, elapsedMicros)) {
                level = i == 0 ? PressureLevel.MODERATE : PressureLevel.CRITICAL;
            }
        }
        report(level, 0, psi.describe());
    }

    private Optional<Psi> read() {
        return path == null ? Optional.empty() : files.text(path).flatMap(Psi::parse);
    }

    private String triggerNames() {
        return triggers.stream().map(trigger -> "'" + trigger.spec() + "'").toList().toString();
    }
}
