package io.hwplatform.export.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hwplatform.testsupport.Await;
import io.hwplatform.testsupport.Executables;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output checked by Prometheus's own tools (Debian's {@code prometheus} and {@code prometheus-node-exporter},
 * which CI installs): {@code promtool check metrics} accepts it, and a real node_exporter serves it from its textfile
 * collector. Skipped, saying why, where the tools are missing.
 */
class RealToolsTest {

    @TempDir
    Path textfiles;

    @Test
    void promtoolFindsNothingWrong() throws Exception {
        String said = Executables.promtoolCheck(executable("promtool"), MetricsTest.text(MetricsTest.busyGuest()));

        assertThat(said).as("no lint warnings either").isBlank();
    }

    @Test
    void aRealNodeExporterServesTheTextfile() throws Exception {
        Path nodeExporter = executable("prometheus-node-exporter");
        Files.writeString(textfiles.resolve("hwplatform.prom"), MetricsTest.text(MetricsTest.busyGuest()));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process exporter = new ProcessBuilder(nodeExporter.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfiles).redirectErrorStream(true)
                .redirectOutput(textfiles.resolveSibling(textfiles.getFileName() + "-node-exporter.log").toFile())
                .start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            String[] body = {""};
            Await.until(() -> {
                try {
                    body[0] = client.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
                    return true;
                } catch (IOException notYetListening) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }, 30_000, "node_exporter listening");

            assertThat(body[0]).contains("hwplatform_numa_allocations_total{step=\"device\"} 60")
                    .contains("hwplatform_hypervisor_info{")
                    .contains("node_textfile_scrape_error 0");
        } finally {
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path executable(String name) {
        Optional<Path> found = Executables.onPath(name);
        assumeTrue(found.isPresent(), name + " is not installed (apt-get install prometheus prometheus-node-exporter)");
        return found.get();
    }
}
