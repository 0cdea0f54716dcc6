package io.hwplatform.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * hwplatform in the real Apache Karaf 4.4.10 as an operator installs it: add the features repository, install the
 * features, run the commands in Karaf's own console. Commands are piped into {@code bin/karaf}, which prints each
 * command's result as in a terminal; end of input stops Karaf.
 */
class KarafIT {

    private static final long TIMEOUT_SECONDS = 300;

    @Test
    void featureInstallsAndTheCommandsAnswerInKarafsShell() throws Exception {
        // bin/inc passes -Djava.security.manager=allow, which Java 24 and later refuse at start-up
        assumeTrue(Runtime.version().feature() < 24,
                "Karaf 4.4 does not start on Java " + Runtime.version().feature() + " (its scripts allow a security manager)");
        Path home = Path.of(System.getProperty("karaf.home"));
        configureOfflineRepositories(home);
        int port = configureHttpPort(home);
        String[] served = {"", ""};
        Path svg = home.resolve("topology.svg");
        Files.deleteIfExists(svg);

        List<String> console = runKaraf(home, () -> {
            served[0] = scrape(port, "/metrics");
            served[1] = scrape(port, "/hwplatform/");
        }, String.join("\n",
                "feature:repo-add file:" + System.getProperty("features.xml"),
                // --no-auto-refresh: JNA would otherwise refresh JLine and with it the shell running these commands
                // one resolution for all: a second feature:install in the same console fails to resolve Karaf's own
                // features again
                // http-whiteboard (Pax Web) comes from Maven Central, as in an operator's Karaf: it is no part of
                // this build
                "feature:install --no-auto-refresh hwplatform hwplatform-windows hwplatform-export-nfd"
                        + " hwplatform-export-prometheus hwplatform-health hwplatform-web http-whiteboard",
                "hv:info --json",
                "numa:topology --json",
                "numa:topology",
                "numa:topology --svg " + svg,
                "mem:status --json",
                "platform:capabilities --json",
                "hc:exec hwplatform",
                "bundle:list -s -t 0",
                ""));

        JsonObject hv = json(console, "\"decidedBy\"");
        assertThat(hv.get("type").getAsString()).isNotBlank();
        assertThat(hv.has("balloon")).isTrue();
        JsonObject numa = json(console, "\"nodes\"");
        assertThat(numa.get("backend").getAsString()).isEqualTo("linux");
        assertThat(numa.getAsJsonArray("nodes")).isNotEmpty();
        assertThat(console).as("numa:topology as text, as in Gogo").anyMatch(line -> line.matches("node 0 cpus:.*"));
        JsonObject memory = json(console, "\"residentBytes\"");
        assertThat(memory.get("level").getAsString()).isIn("none", "moderate", "critical");
        JsonObject capabilities = json(console, "\"capabilities\"");
        assertThat(capabilities.getAsJsonArray("capabilities").toString()).contains("\"hypervisor\"");
        assertThat(served[0]).as("/metrics through Karaf's Http Whiteboard").contains("hwplatform_hypervisor_info{");
        assertThat(served[1]).as("the page through Karaf's Http Whiteboard").contains("<svg")
                .contains("class=\"evidence\"");
        assertThat(svg).as("numa:topology --svg").content().startsWith("<svg").contains("class=\"node\"");
        assertThat(console).as("the health checks answer in Karaf's shell")
                .anyMatch(line -> line.startsWith("hwplatform memory pressure"))
                .anyMatch(line -> line.startsWith("hwplatform NUMA binding"))
                .anyMatch(line -> line.startsWith("hwplatform balloon"))
                .anyMatch(line -> line.contains("Overall Health Result"));
        assertThat(console).as("Linux backends installed, the Windows ones left out on Linux")
                .anyMatch(line -> line.contains("io.hwplatform.numa.linux"))
                .anyMatch(line -> line.contains("io.hwplatform.memory.linux"))
                .noneMatch(line -> line.contains("io.hwplatform.numa.windows"))
                .noneMatch(line -> line.contains("io.hwplatform.memory.windows"))
                .noneMatch(line -> line.contains("io.hwplatform.hypervisor.windows"))
                .anyMatch(line -> line.contains("io.hwplatform.export.nfd") && line.contains("Active"))
                .anyMatch(line -> line.contains("io.hwplatform.export.prometheus") && line.contains("Active"))
                .anyMatch(line -> line.contains("io.hwplatform.health") && line.contains("Active"))
                .anyMatch(line -> line.contains("io.hwplatform.web") && line.contains("Active"));
    }

    /** Karaf reads Maven artifacts from our build's folder and the local repository, never the network. */
    private static void configureOfflineRepositories(Path home) throws IOException {
        Path config = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        if (Files.readString(config).contains("id=hwplatform-build")) {
            return; // configured by an earlier run in this folder
        }
        Files.writeString(config, String.join("\n", "",
                "org.ops4j.pax.url.mvn.localRepository=" + System.getProperty("local.repository"),
                "org.ops4j.pax.url.mvn.defaultRepositories=file:" + System.getProperty("karaf.repository")
                        + "@snapshots@id=hwplatform-build",
                ""), StandardOpenOption.APPEND);
    }

    /** Karaf's HTTP port (8181 by default) moved to a free one, so that the test runs beside anything. */
    private static int configureHttpPort(Path home) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // written before the feature is installed, which then keeps it (a feature's configuration never overrides)
        Files.writeString(home.resolve("etc/org.ops4j.pax.web.cfg"), String.join("\n",
                "org.osgi.service.http.enabled = true",
                "org.osgi.service.http.port = " + port,
                "org.osgi.service.http.secure.enabled = false",
                "javax.servlet.context.tempdir = ${karaf.data}/pax-web/tmp", ""));
        return port;
    }

    /**
     * Karaf's console takes commands before its boot features are in: on a loaded machine the first ones meet
     * "Command not found: feature:repo-add". Ask for the feature repositories until the answer names Karaf's own.
     */
    private static void awaitFeatureService(Process karaf, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS / 2);
        while (System.nanoTime() < deadline && karaf.isAlive()) {
            karaf.getOutputStream().write("feature:repo-list\n".getBytes(StandardCharsets.UTF_8));
            karaf.getOutputStream().flush();
            Thread.sleep(1000);
            String console = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            if (console.contains("mvn:org.apache.karaf.features/standard/")) {
                return;
            }
        }
        throw new AssertionError("Karaf's feature service did not answer within " + TIMEOUT_SECONDS / 2 + " s");
    }

    /** @return the body at that path once it answers 200, or what it last said after two minutes */
    private static String scrape(int port, String path) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last;
    }

    /**
     * Pipes the commands into a fresh Karaf and, while it runs them, does {@code meanwhile}; then ends the input,
     * which stops Karaf after the last command.
     */
    private static List<String> runKaraf(Path home, Runnable meanwhile, String commands) throws Exception {
        Path output = home.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "clean") // a fresh Karaf
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process karaf = builder.start();
        awaitFeatureService(karaf, output);
        karaf.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
        karaf.getOutputStream().flush();
        meanwhile.run();
        karaf.getOutputStream().close(); // end of input: Karaf stops after the last command
        boolean exited = karaf.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            karaf.destroyForcibly().waitFor();
        }
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            lines.add(line.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").strip());
        }
        assertThat(exited).as("Karaf stopped within %d s; console:\n%s", TIMEOUT_SECONDS, String.join("\n", tail(lines)))
                .isTrue();
        return lines;
    }

    private static JsonObject json(List<String> console, String marker) {
        for (String line : console) {
            int start = line.indexOf('{');
            if (start >= 0 && line.contains(marker)) {
                return JsonParser.parseString(line.substring(start)).getAsJsonObject();
            }
        }
        throw new AssertionError("no JSON with " + marker + " in Karaf's console:\n" + String.join("\n", tail(console)));
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 80), lines.size());
    }
}
