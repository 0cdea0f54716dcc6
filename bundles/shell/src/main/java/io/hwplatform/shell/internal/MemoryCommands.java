package io.hwplatform.shell.internal;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.ReclaimerResult;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.shell.Json;
import io.hwplatform.support.shell.Sizes;
import io.hwplatform.support.shell.TextTable;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code mem:} commands: pressure, sources, reclaimers, a reclaim by hand, and watching it all happen. */
@Component(service = MemoryCommands.class, property = {
    "osgi.command.scope=mem",
    "osgi.command.function=status",
    "osgi.command.function=sources",
    "osgi.command.function=reclaimers",
    "osgi.command.function=reclaim",
    "osgi.command.function=watch"
})
public final class MemoryCommands {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final MemoryGovernor governor;

    @Activate
    public MemoryCommands(@Reference MemoryGovernor governor) {
        this.governor = governor;
    }

    @Descriptor("shows the pressure per source, the balloon, the process's resident memory and the last reclaim")
    public String status(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        MemoryStatus status = governor.status();
        if (json) {
            return Json.write(Documents.memoryStatus(status));
        }
        TextTable summary = TextTable.keyValue()
                .row("pressure", status.level())
                .row("balloon", status.balloonKind() == null ? "none" : status.balloonKind().id()
                        + (status.balloonBound() ? ", driver bound" : ", no driver bound")
                        + (status.balloonBytes() >= 0 ? ", holds " + Sizes.format(status.balloonBytes()) : "")
                        + (status.balloonTargetBytes() >= 0 ? ", target " + Sizes.format(status.balloonTargetBytes())
                                : ""))
                .row("resident", status.residentBytes() < 0 ? "unknown" : Sizes.format(status.residentBytes()))
                .row("last reclaim", status.lastReclaim() == null ? "none" : describe(status.lastReclaim()))
                .row("reclaimers", status.reclaimers().size());
        TextTable sources = new TextTable("SOURCE", "LEVEL", "WANTS", "DETAIL");
        status.sources().forEach(pressure -> sources.row(pressure.source(), pressure.level(),
                pressure.bytesWanted() > 0 ? Sizes.format(pressure.bytesWanted()) : "-", pressure.detail()));
        return summary + "\n" + sources;
    }

    @Descriptor("lists the pressure sources: available or why not, what they watch, what they say")
    public String sources(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        List<MemoryGovernor.SourceInfo> sources = governor.sources();
        if (json) {
            return Json.write(Documents.sources(sources));
        }
        TextTable table = new TextTable("SOURCE", "AVAILABLE", "LEVEL", "HOW");
        sources.forEach(source -> table.row(source.name(), source.available() ? "yes" : "no",
                source.current().level(), source.description()));
        return table.toString();
    }

    @Descriptor("lists the reclaimers in the order they are asked, with what each did last")
    public String reclaimers(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        List<ReclaimerResult> reclaimers = governor.status().reclaimers();
        if (json) {
            return Json.write(Documents.reclaimers(reclaimers));
        }
        TextTable table = new TextTable("RANK", "NAME", "LAST RELEASED", "LAST MS", "LAST OUTCOME");
        reclaimers.forEach(reclaimer -> table.row(reclaimer.ranking(), reclaimer.name(),
                Sizes.format(reclaimer.releasedBytes()), reclaimer.millis(), reclaimer.outcome()));
        return table.toString();
    }

    @Descriptor("asks the reclaimers for memory now and returns it to the operating system")
    public String reclaim(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("level told to the reclaimers: moderate or critical")
            @Parameter(names = "--level", absentValue = "moderate") String level,
            @Descriptor("bytes to ask for: 4096, 64k, 600m, 2g") String bytes) {
        PressureLevel pressure = switch (level.strip().toLowerCase(Locale.ROOT)) {
            case "moderate" -> PressureLevel.MODERATE;
            case "critical" -> PressureLevel.CRITICAL;
            default -> throw new IllegalArgumentException("level must be moderate or critical: " + level);
        };
        ReclaimReport report = governor.reclaim(Sizes.parse(bytes), pressure);
        return json ? Json.write(Documents.reclaim(report)) : describe(report) + "\n";
    }

    @Descriptor("prints pressure and reclaim events as they happen, for a number of seconds")
    public void watch(@Descriptor("how long to watch")
            @Parameter(names = "--seconds", absentValue = "10") int seconds) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Subscription subscription = governor.watch(new MemoryListener() {
            @Override
            public void pressure(MemoryPressure pressure) {
                lines.add(clock(pressure.time().toEpochMilli()) + " " + pressure.source() + " " + pressure.level()
                        + (pressure.bytesWanted() > 0 ? " wants " + Sizes.format(pressure.bytesWanted()) : "")
                        + "  " + pressure.detail());
            }

            @Override
            public void reclaimed(ReclaimReport report) {
                lines.add(clock(System.currentTimeMillis()) + " " + describe(report));
            }
        });
        PrintStream out = System.out; // the session's output while this command runs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
            }
        } finally {
            subscription.close();
        }
    }

    static String describe(ReclaimReport report) {
        String who = report.results().stream()
                .map(result -> result.name() + " " + (result.outcome().equals("ok") ? Sizes.format(result.releasedBytes())
                        : result.outcome() + (result.releasedBytes() > 0 ? " " + Sizes.format(result.releasedBytes()) : "")))
                .collect(Collectors.joining(", "));
        return "reclaim " + report.level() + " (" + report.trigger() + "): asked " + Sizes.format(report.bytesWanted())
                + ", released " + Sizes.format(report.bytesReleased()) + " in " + report.millis() + " ms"
                + (who.isEmpty() ? " (no reclaimers)" : " (" + who + ")")
                + (report.returnedBytes() > 0 ? ", returned " + Sizes.format(report.returnedBytes()) + " to the OS" : "")
                + (report.residentBefore() >= 0 && report.residentAfter() >= 0 ? ", resident "
                        + Sizes.format(report.residentBefore()) + " -> " + Sizes.format(report.residentAfter()) : "");
    }

    private static String clock(long epochMillis) {
        return LocalTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault()).format(CLOCK);
    }
}
