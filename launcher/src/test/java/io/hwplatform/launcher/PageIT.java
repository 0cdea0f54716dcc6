package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser, as an operator opens it: Debian's Chromium, headless, driven through chromedriver
 * (CI installs both; skipped, saying why, where they are missing). Screenshots go to {@code target/screenshots}; the
 * README's are copies of them.
 */
class PageIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path FOUR_NODES = Path.of("..", "bundles", "numa-linux", "src", "test", "trees",
            "four-nodes-memory-only");

    @TempDir
    Path workingDirectory;

    private Process launcher;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ChromeDriver browser;

    @BeforeEach
    void browser() throws IOException {
        Path chromium = Executables.onPath("chromium").orElse(null);
        Path driver = Executables.onPath("chromedriver").orElse(null);
        assumeTrue(chromium != null && driver != null,
                "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(workingDirectory, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().window().setSize(new Dimension(1280, 1800));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (launcher != null) {
            launcher.getOutputStream().close(); // end of input stops the shell
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void thePageDrawsTheMachineMarksTheDecidingSignalAndChartsAReclaimLive() throws Exception {
        String page = startLauncher(List.of());
        browser.get(page);
        awaitChart();

        int nodes = JsonParser.parseString(get(page + "api/topology")).getAsJsonObject().getAsJsonArray("nodes").size();
        assertThat(browser.findElements(By.cssSelector("svg.topology g.node"))).hasSize(nodes);
        assertThat(browser.findElements(By.cssSelector("table.evidence tr.deciding"))).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("deciding"));
        OutputStream shell = launcher.getOutputStream();
        shell.write("cache:fill 96m\n".getBytes(StandardCharsets.UTF_8)); // something for the reclaim to release
        shell.flush();
        awaitMoreSamples(page, 3); // the chart shows the fill
        int marks = reclaimMarks();
        shell.write("mem:reclaim 1m\n".getBytes(StandardCharsets.UTF_8));
        shell.flush();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ignored -> reclaimMarks() > marks);

        assertThat(browser.findElements(By.cssSelector("#reclaims tbody tr"))).isNotEmpty();
        awaitMoreSamples(page, 2); // the drop after the reclaim, for the screenshot
        screenshot("page.png");
        assertThat(severe()).as("the browser's console").isEmpty();
    }

    @Test
    void aFourNodeMachineWithMemoryOnlyNodesAndTheSameDocumentsAsTheShell() throws Exception {
        Path root = FOUR_NODES.toAbsolutePath().normalize();
        String page = startLauncher(List.of("--root", root.toString()));
        browser.get(page);
        awaitChart();

        assertThat(browser.findElements(By.cssSelector("svg.topology g.node"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("svg.topology g.memory-only"))).isNotEmpty();
        screenshot("page-4-nodes.png");
        assertThat(severe()).as("the browser's console").isEmpty();

        // one model for shell and HTTP: the same documents, byte for byte as JSON values
        assertThat(json(get(page + "api/topology"))).isEqualTo(json(command(root, "numa:topology --json")));
        assertThat(json(get(page + "api/hypervisor"))).isEqualTo(json(command(root, "hv:info --json")));
        assertThat(json(get(page + "api/devices"))).isEqualTo(json(command(root, "numa:devices --json")));

        // read-only: nothing but GET and HEAD is answered
        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "TRACE")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
        }
    }

    /** Starts the interactive launcher with {@code --http} on a free loopback port; @return the page's address */
    private String startLauncher(List<String> extra) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar(), "--http", "127.0.0.1:" + port));
        command.addAll(extra);
        launcher = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        pump(launcher.getErrorStream(), err);
        pump(launcher.getInputStream(), OutputStream.nullOutputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!err.toString(StandardCharsets.UTF_8).contains("serving http://")) {
            assertThat(System.nanoTime()).as("the launcher up; it said:\n%s", err).isLessThan(deadline);
            Thread.sleep(100);
        }
        return "http://127.0.0.1:" + port + "/hwplatform/";
    }

    private void awaitChart() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ignored -> browser.findElement(
                By.id("memory-chart")).getDomAttribute("data-updated") != null);
    }

    /** Waits until the page's history holds {@code count} more samples than now (one every 2 s). */
    private void awaitMoreSamples(String page, int count) throws Exception {
        int wanted = samples(page) + count;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (samples(page) < wanted) {
            assertThat(System.nanoTime()).as("%d more samples in the history", count).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private int samples(String page) throws Exception {
        return JsonParser.parseString(get(page + "api/history")).getAsJsonObject().getAsJsonArray("samples").size();
    }

    private int reclaimMarks() {
        return browser.findElements(By.cssSelector("#memory-chart line.reclaim")).size();
    }

    private List<String> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private String command(Path root, String line) throws Exception {
        Process run = new ProcessBuilder(java(), "-jar", jar(), "--root", root.toString(), "-c", line)
                .directory(workingDirectory.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        return out;
    }

    /** @return the document as a JSON value: equal documents, whatever their spacing (a captured tree holds still) */
    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("launcher.jar")).toAbsolutePath().toString();
    }

    private static void pump(InputStream from, OutputStream to) {
        Thread pump = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.setDaemon(true);
        pump.start();
    }
}
