package io.hwplatform.export.prometheus.internal;

import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.support.export.ExportFile;
import io.hwplatform.support.threads.Daemons;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Writes the metrics for node_exporter's textfile collector, for hosts where the JVM should open no port: every
 * interval, as an {@link ExportFile} (whole or not at all, only where the directory exists), removed when the bundle
 * stops.
 */
@Component(immediate = true, configurationPid = TextfileExporter.PID)
@Designate(ocd = TextfileExporter.Config.class)
public final class TextfileExporter {

    static final String PID = "io.hwplatform.export.prometheus";
    private static final System.Logger LOG = System.getLogger(TextfileExporter.class.getName());

    @ObjectClassDefinition(name = "hwplatform: Prometheus textfile",
            description = "Metrics for node_exporter's textfile collector")
    public @interface Config {
        @AttributeDefinition(description = "node_exporter's --collector.textfile.directory; nothing is written while "
                + "it does not exist")
        String directory() default "/var/lib/node_exporter/textfile_collector";

        @AttributeDefinition(description = "the file's name, without .prom")
        String fileName() default "hwplatform";

        @AttributeDefinition(description = "seconds between two writes")
        long intervalSeconds() default 15;
    }

    private final ExportFile file;
    private final ReclaimTotals reclaims = new ReclaimTotals();
    private final ScheduledExecutorService thread = Daemons.scheduler("hwplatform-prometheus-textfile");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NumaAllocator allocator;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HypervisorDetector hypervisor;
    private volatile MemoryGovernor governor;
    private volatile Subscription watching;

    @Activate
    public TextfileExporter(Config config) {
        Path directory = Path.of(config.directory());
        // node_exporter reads only *.prom
        this.file = new ExportFile(directory.resolve(config.fileName() + ".prom"),
                directory.resolve("." + config.fileName() + ".prom.tmp"), "node_exporter textfile collector");
        long interval = Math.max(1, config.intervalSeconds());
        thread.scheduleWithFixedDelay(this::write, 1, interval, TimeUnit.SECONDS);
    }

    /** The reclaims are counted as they happen, from the governor's own reports. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void setGovernor(MemoryGovernor memory) {
        unwatch();
        governor = memory;
        watching = memory.watch(reclaims);
    }

    synchronized void unsetGovernor(MemoryGovernor memory) {
        if (governor == memory) {
            unwatch();
            governor = null;
        }
    }

    private void unwatch() {
        Subscription previous = watching;
        if (previous != null) {
            previous.close();
            watching = null;
        }
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        synchronized (this) {
            unwatch();
        }
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.delete();
    }

    /** @return the metrics now, in Prometheus's text format */
    String render() throws IOException {
        NumaAllocator numa = allocator;
        MemoryGovernor memory = governor;
        HypervisorDetector detector = hypervisor;
        MetricSnapshots metrics = Metrics.of(new Metrics.Inputs(
                Optional.ofNullable(numa).map(NumaAllocator::stats),
                Optional.ofNullable(numa).map(NumaAllocator::topology),
                Optional.ofNullable(memory).map(MemoryGovernor::status),
                memory == null ? List.of() : memory.sources(),
                Optional.ofNullable(detector).map(HypervisorDetector::info), reclaims));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, metrics);
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Never throws: the scheduler would stop calling a task that did. */
    void write() {
        try {
            file.write(render());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + file.file() + ": " + e);
        }
    }
}
