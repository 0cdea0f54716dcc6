package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hwplatform.testsupport.Await;
import io.hwplatform.testsupport.Executables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code hwplatform.jar} in its own JVM, as a user would. */
class LauncherIT {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path workingDirectory;

    @Test
    void jsonCommandPrintsExactlyOneJsonDocumentAndExitsZero() throws Exception {
        Result result = run(List.of("-v", "-c", "platform:capabilities --json"), null);

        assertThat(result.exitCode).as(result.err).isZero();
        JsonObject json = JsonParser.parseString(result.out).getAsJsonObject();
        assertThat(json.getAsJsonArray("capabilities")).isNotNull();
        assertThat(result.err).containsPattern("ready \\d+ ms after the JVM started");
    }

    @Test
    void hypervisorVerdictOfACapturedTreeIsThatTreesAlone() throws Exception {
        Path root = workingDirectory.resolve("kvm-guest");
        write(root.resolve("proc/cpuinfo"), "processor\t: 0\nflags\t\t: fpu tsc msr pae hypervisor\n\n");
        write(root.resolve("sys/devices/system/clocksource/clocksource0/available_clocksource"), "tsc kvm-clock\n");
        write(root.resolve("sys/bus/virtio/devices/virtio0/device"), "0x0005\n");
        write(root.resolve("sys/bus/virtio/drivers/virtio_balloon/virtio0"), "");

        Result result = run(List.of("--root", root.toString(), "-c", "hv:info --json"), null);

        assertThat(result.exitCode).as(result.err).isZero();
        JsonObject json = JsonParser.parseString(result.out).getAsJsonObject();
        assertThat(json.get("type").getAsString()).isEqualTo("KVM");
        assertThat(json.get("cloud").isJsonNull()).isTrue();
        assertThat(json.getAsJsonObject("balloon").get("kind").getAsString()).isEqualTo("virtio");
        assertThat(json.getAsJsonObject("balloon").get("bound").getAsBoolean()).isTrue();
        assertThat(json.get("root").getAsString()).isEqualTo(root.toString());
        assertThat(json.getAsJsonArray("evidence")).isNotEmpty();
    }

    @Test
    void liveHypervisorVerdictIsOneJsonDocument() throws Exception {
        Result result = run(List.of("-c", "hv:info --json"), null);

        assertThat(result.exitCode).as(result.err).isZero();
        JsonObject json = JsonParser.parseString(result.out).getAsJsonObject();
        assertThat(json.get("type").getAsString()).isNotBlank();
        assertThat(json.has("balloon")).isTrue();
    }

    @Test
    void everyCommandOfTheLinePrintsWhatItReturns() throws Exception {
        Result result = run(List.of("-c", "echo first; echo 'second; still second'"), null);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).isEqualTo("first\nsecond; still second\n");
    }

    @Test
    void failingCommandPrintsTheErrorOnStderrAndExitsNonZeroWithoutHanging() throws Exception {
        Result result = run(List.of("-c", "echo before; nosuch:command"), null);

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.out).isEqualTo("before\n");
        assertThat(result.err).contains("Command not found: nosuch:command");
    }

    /**
     * Another bundle's code in a Gogo session keeps only the view of a 4 MiB buffer, then a critical reclaim runs a
     * garbage collection and trims, and the pool is asked for its stats, trimmed and used again. Once this died of a
     * StackOverflowError (a leak warning logged through the session's redirected System.err) and the view was revoked
     * under the code still holding it.
     */
    @Test
    void aViewKeptInAGogoSessionSurvivesCollectionTrimAndReuse() throws Exception {
        Result result = run(List.of("-c", "r = $.context getServiceReference io.hwplatform.api.numa.NumaAllocator; "
                + "a = $.context getService $r; v = ($a allocate 4194304 0) buffer; "
                + "mem:reclaim --level critical 1m; $a stats; $a trim; ($a allocate 4096 0) close; "
                + "$v clear; ($v capacity); numa:stats --json"), null);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.err).doesNotContain("StackOverflowError").doesNotContain("Exception");
        String stats = result.out.substring(result.out.lastIndexOf("{\"backend\""));
        JsonObject json = JsonParser.parseString(stats).getAsJsonObject();
        assertThat(json.get("leaked").getAsLong()).as("the kept view holds its memory").isZero();
        assertThat(json.get("inUseBytes").getAsLong()).isGreaterThanOrEqualTo(4 << 20);
        assertThat(result.out).contains("4194304");
    }

    @Test
    void aCommandsFailureShowsItsCauseNotItsWrapper() throws Exception {
        Result result = run(List.of("-c", "r = $.context getServiceReference io.hwplatform.api.numa.NumaAllocator; "
                + "a = $.context getService $r; $a allocate 0 0"), null);

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("size must be positive: 0").doesNotContain("InvocationTargetException");
    }

    /** Every info command on a tree of random bytes: one valid JSON document each, exit 0. */
    @Test
    void everyJsonCommandOnAGarbageTreePrintsValidJson() throws Exception {
        Path root = workingDirectory.resolve("garbage");
        java.util.Random random = new java.util.Random(20261201);
        for (String file : List.of("proc/cpuinfo", "proc/meminfo", "proc/vmstat", "proc/self/cgroup",
                "proc/pressure/memory", "sys/devices/system/node/online", "sys/devices/system/node/node0/cpulist",
                "sys/devices/system/node/node0/meminfo", "sys/devices/system/node/node0/distance",
                "sys/class/dmi/id/sys_vendor", "sys/devices/system/clocksource/clocksource0/available_clocksource")) {
            byte[] bytes = new byte[1 + random.nextInt(4096)];
            random.nextBytes(bytes);
            Files.createDirectories(root.resolve(file).getParent());
            Files.write(root.resolve(file), bytes);
        }
        List<String> commands = List.of("platform:capabilities --json", "hv:info --json", "numa:topology --json",
                "numa:devices --json", "numa:stats --json", "mem:status --json", "mem:sources --json",
                "mem:reclaimers --json", "cache:stats --json");
        for (String command : commands) {
            Result result = run(List.of("--root", root.toString(), "-c", command), null);

            assertThat(result.exitCode).as("%s: %s", command, result.err).isZero();
            assertThat(JsonParser.parseString(result.out).isJsonObject()).as(command).isTrue();
        }
    }

    @Test
    void aBufferNearAnUnknownDeviceComesFromTheThreadsNodeUnlessStrict() throws Exception {
        Result near = run(List.of("-c", "numa:alloc --near nosuch0 64k --json"), null);

        assertThat(near.exitCode).as(near.err).isZero();
        JsonObject json = JsonParser.parseString(near.out).getAsJsonObject();
        assertThat(json.get("near").getAsString()).isEqualTo("nosuch0");
        assertThat(json.get("step").getAsString()).isEqualTo("local");
        assertThat(json.get("size").getAsInt()).isEqualTo(64 << 10);

        Result strict = run(List.of("-c", "numa:alloc --near nosuch0 --strict 64k"), null);
        assertThat(strict.exitCode).isNotZero();
        assertThat(strict.err).contains("near nosuch0 under the strict policy");
    }

    @Test
    void theDaemonRunsWithoutStdinUntilSigtermThenStopsInOrderAndExitsZero() throws Exception {
        Process daemon = start(List.of("--daemon"));
        daemon.getOutputStream().close(); // a service has no stdin: end of input must not stop it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(daemon.getInputStream(), out);
        Thread errPump = pump(daemon.getErrorStream(), err);
        Await.until(() -> err.toString(StandardCharsets.UTF_8).contains("running as a daemon"), 60_000,
                "the daemon up");
        assertThat(daemon.isAlive()).as("stdin closed, still running").isTrue();

        // SIGTERM, as systemd and the kubelet stop it; through the handle, since Process.destroy() also closes our
        // ends of its pipes, and what it says while stopping would be lost
        daemon.toHandle().destroy();

        assertThat(daemon.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        outPump.join();
        errPump.join();
        assertThat(daemon.exitValue()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hwplatform: stopping").contains("hwplatform: stopped");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("a daemon logs to stderr only").isEmpty();
    }

    @Test
    void theHealthChecksAnswerInTheShellAndNoPortIsOpenedWithoutHttp() throws Exception {
        Result result = run(List.of("-c", "hc:exec hwplatform; lb -s org.apache.felix.http.jetty"), null);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("hwplatform memory pressure").contains("hwplatform NUMA binding")
                .contains("hwplatform balloon");
        assertThat(result.out).as("Felix HTTP not even installed").doesNotContain("org.apache.felix.http.jetty");
    }

    @Test
    void httpServesTheMetricsAndTheHealthChecksUntilTheDaemonStops() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process daemon = start(List.of("--daemon", "--http", "127.0.0.1:" + port));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = pump(daemon.getErrorStream(), err);
        try {
            Await.until(() -> err.toString(StandardCharsets.UTF_8).contains("running as a daemon"), 60_000,
                    "the daemon up");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("serving http://127.0.0.1:" + port + "/metrics");
            HttpResponse<String> metrics = get("http://127.0.0.1:" + port + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("hwplatform_hypervisor_info{").contains("hwplatform_memory_reclaims_total");
            Optional<Path> promtool = Executables.onPath("promtool");
            if (promtool.isPresent()) { // CI installs it; the unit tests of export-prometheus say when it is missing
                assertThat(Executables.promtoolCheck(promtool.get(), metrics.body())).isBlank();
            }

            // the HC servlet comes up once Config Admin has delivered its configuration
            String health = "http://127.0.0.1:" + port + "/system/health.json";
            waitFor(() -> get(health).statusCode() != 404);
            JsonObject json = JsonParser.parseString(get(health).body()).getAsJsonObject();
            assertThat(json.get("overallResult").getAsString()).isIn("OK", "WARN", "CRITICAL");
            assertThat(json.getAsJsonArray("results").toString()).contains("hwplatform memory pressure")
                    .contains("hwplatform balloon");
        } finally {
            daemon.toHandle().destroy();
            assertThat(daemon.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            errPump.join();
        }
        assertThat(daemon.exitValue()).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void topologySvgDrawsTheMachineIntoAFile() throws Exception {
        Path svg = workingDirectory.resolve("machine.svg");
        Result result = run(List.of("-c", "numa:topology --svg " + svg), null);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).startsWith("drew ").contains(svg.toString());
        assertThat(Files.readString(svg)).startsWith("<svg").contains("<g class=\"node\" data-node=\"0\"")
                .endsWith("</svg>\n");
    }

    @Test
    void daemonAndCommandLineExcludeEachOther() throws Exception {
        Result both = run(List.of("--daemon", "-c", "hv:info"), null);

        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("--daemon and -c exclude each other");
    }

    @Test
    void aRootThatIsNoDirectoryIsSaidInOneLine() throws Exception {
        Result missing = run(List.of("--root", workingDirectory.resolve("nosuch").toString(), "-c", "hv:info"), null);
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err.strip()).endsWith("no such directory").doesNotContain("\n");
        assertThat(missing.out).isEmpty();

        Path file = workingDirectory.resolve("plain-file");
        Files.writeString(file, "x");
        Result notADirectory = run(List.of("--root", file.toString(), "-c", "hv:info"), null);
        assertThat(notADirectory.exitCode).isEqualTo(2);
        assertThat(notADirectory.err.strip()).endsWith("not a directory");
    }

    @Test
    void malformedCommandLineAndUnknownOptionsAreUsageErrors() throws Exception {
        assertThat(run(List.of("-c", "echo 'unclosed"), null).exitCode).isEqualTo(2);
        Result unknown = run(List.of("--frobnicate"), null);
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("unknown option: --frobnicate").contains("usage:");
    }

    @Test
    void rootOptionReachesTheFrameworkAsHwplatformRoot() throws Exception {
        Path tree = Files.createDirectories(workingDirectory.resolve("captured-tree"));
        Result result = run(List.of("--root", tree.toString(), "-c", "echo ($.context property hwplatform.root)"),
                null);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out.trim()).isEqualTo(tree.toString());
    }

    @Test
    void interactiveShellRunsCommandsFromStdinAndStopsAtEndOfInput() throws Exception {
        Result result = run(List.of(), "platform:capabilities --json\n");

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("{\"capabilities\":[");
        assertThat(workingDirectory.resolve("deploy")).isDirectory();
    }

    @Test
    void bundleAndConfigurationDroppedIntoDeployAreAppliedLive() throws Exception {
        Process launcher = start(List.of());
        try (OutputStream shell = launcher.getOutputStream()) {
            Path deploy = workingDirectory.resolve("deploy");
            waitFor(() -> Files.isDirectory(deploy));
            writeBundle(deploy.resolve("dropped.jar"), "io.hwplatform.itest.dropped");
            Files.writeString(deploy.resolve("io.hwplatform.itest.dropped.cfg"), "answer = 42\n");

            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            InputStream out = launcher.getInputStream();
            waitFor(() -> {
                shell.write(("lb io.hwplatform.itest.dropped\n"
                        + "cm = $.context service ($.context serviceReference org.osgi.service.cm.ConfigurationAdmin)\n"
                        + "echo (($cm getConfiguration io.hwplatform.itest.dropped \"?\") properties)\n")
                        .getBytes(StandardCharsets.UTF_8));
                shell.flush();
                Thread.sleep(500);
                seen.write(out.readNBytes(out.available()));
                String text = seen.toString(StandardCharsets.UTF_8);
                return text.contains("|Active     |") && text.contains("answer=42");
            });
        }
        assertThat(launcher.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
    }

    private Result run(List<String> args, String stdin) throws Exception {
        Process process = start(args);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out);
        Thread errPump = pump(process.getErrorStream(), err);
        boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        outPump.join();
        errPump.join();
        assertThat(exited).as("the launcher exits within %d s", TIMEOUT_SECONDS).isTrue();
        return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("launcher.jar")).toAbsolutePath().toString()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread pump = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.start();
        return pump;
    }

    private static void writeBundle(Path jar, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        Path partial = Files.createTempFile(jar.getParent().getParent(), "bundle", ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
            out.flush();
        }
        Files.move(partial, jar); // written outside deploy/: File Install must never see a half-written jar
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.met()) {
            assertThat(System.nanoTime()).as("condition met within %d s", TIMEOUT_SECONDS).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }

    private record Result(int exitCode, String out, String err) {}
}
