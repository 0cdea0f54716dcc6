package io.hwplatform.export.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.testsupport.Await;
import io.hwplatform.testsupport.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextfileExporterTest {

    @TempDir
    Path directory;

    @Test
    void theFileAppearsWholeAndGoesWithTheBundle() throws Exception {
        TextfileExporter exporter = new TextfileExporter(new CurrentMetrics(), config(directory));
        Path file = directory.resolve("hwplatform.prom");
        try {
            Await.until(() -> Files.exists(file), 20_000, "the first write");
            assertThat(Files.readString(file)).contains("hwplatform_memory_reclaims_total 0.0");
            assertThat(directory.resolve(".hwplatform.prom.tmp")).as("written beside, then renamed").doesNotExist();
        } finally {
            exporter.deactivate();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutTheDirectoryNothingIsWrittenAndNothingFails() {
        Path missing = directory.resolve("no-node-exporter");
        TextfileExporter exporter = new TextfileExporter(new CurrentMetrics(), config(missing));
        exporter.write();
        exporter.deactivate();

        assertThat(missing).doesNotExist();
    }

    private static TextfileExporter.Config config(Path directory) {
        return Configs.of(TextfileExporter.Config.class, Map.of("directory", directory.toString(),
                "intervalSeconds", 1L));
    }
}
