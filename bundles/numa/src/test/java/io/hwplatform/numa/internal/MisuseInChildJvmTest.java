package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@link Misuse} in a JVM of its own, on the Linux and the portable backend, in both modes: it must end normally
 * with every scenario done. A JVM crash (SIGSEGV on unmapped memory) would end it with another exit status and an
 * hs_err file.
 */
class MisuseInChildJvmTest {

    @ParameterizedTest(name = "{0} backend, quarantine {1}")
    @CsvSource({"linux, false", "linux, true", "portable, false", "portable, true"})
    void noMisuseCrashesTheJvm(String backend, boolean quarantine) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "misuse"));
        Path output = work.resolve(backend + "-" + quarantine + ".out");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ErrorFile=" + work.toAbsolutePath().resolve("hs_err_pid%p.log"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Misuse.class.getName(), backend, String.valueOf(quarantine)))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean ended = child.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String printed = read(output);
        assertThat(ended).as("ended within five minutes:%n%s", printed).isTrue();
        assertThat(child.exitValue()).as("exit status (a crash is not 0 or 1):%n%s", printed).isZero();
        assertThat(printed).contains("ok close-clear-write-large", "ok close-trim-write", "ok close-reuse-small",
                "ok view-kept-handle-dropped", "ok derived-views-outlive-everything", "ok derived-view-of-a-dropped-buffer",
                "ok double-close-across-threads", "ok random-sequences", "done");
        if (quarantine) {
            assertThat(printed).contains("stale write reached a new owner: false");
        }
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }
}
