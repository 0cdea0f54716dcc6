package io.hwplatform.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real tools a test checks its output with (Prometheus's promtool, say), found on the PATH. */
public final class Executables {

    private Executables() {}

    /** @return the tool of that name on the PATH, or empty where it is not installed */
    public static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Runs {@code promtool check metrics} on the text.
     *
     * @return what promtool said; blank when it found nothing wrong, not even a lint warning
     * @throws AssertionError when promtool fails or takes over a minute
     */
    public static String promtoolCheck(Path promtool, String metrics) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new AssertionError("promtool check metrics failed: " + said);
        }
        return said;
    }
}
