package io.hwplatform.export.prometheus.internal;

import io.hwplatform.support.export.ExportFile;
import io.hwplatform.support.threads.Daemons;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
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

    private final CurrentMetrics metrics;
    private final ExportFile file;
    private final ScheduledExecutorService thread = Daemons.scheduler("hwplatform-prometheus-textfile");

    @Activate
    public TextfileExporter(@Reference CurrentMetrics metrics, Config config) {
        this.metrics = metrics;
        Path directory = Path.of(config.directory());
        // node_exporter reads only *.prom
        this.file = new ExportFile(directory.resolve(config.fileName() + ".prom"),
                directory.resolve("." + config.fileName() + ".prom.tmp"), "node_exporter textfile collector");
        long interval = Math.max(1, config.intervalSeconds());
        thread.scheduleWithFixedDelay(this::write, 1, interval, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        Daemons.stop(thread);
        file.delete();
    }

    /** Never throws: the scheduler would stop calling a task that did. */
    void write() {
        try {
            file.write(metrics.text());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + file.file() + ": " + e);
        }
    }
}
