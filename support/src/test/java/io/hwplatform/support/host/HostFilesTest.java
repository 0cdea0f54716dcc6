package io.hwplatform.support.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a tree holds, a read costs at most {@link HostText#MAX_BYTES} and a listing {@link HostText#MAX_ENTRIES}. */
class HostFilesTest {

    @TempDir
    Path root;

    @Test
    void aHundredMebibyteFileIsReadOnlyUpToTheCap() throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc"));
        byte[] line = "processor\t: 0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(proc.resolve("cpuinfo"))) {
            for (long written = 0; written < 100L << 20; written += line.length) {
                out.write(line);
            }
        }
        HostFiles files = new HostFiles(HostRoot.of(root.toString()));

        assertThat(files.bytes("/proc/cpuinfo").value()).get().satisfies(bytes ->
                assertThat(bytes).hasSize(HostText.MAX_BYTES));
        assertThat(files.text("/proc/cpuinfo")).get().satisfies(text ->
                assertThat(text.length()).isLessThanOrEqualTo(HostText.MAX_BYTES).isPositive());
    }

    @Test
    void aHugeDirectoryIsListedOnlyUpToTheCapAndSaysSo() throws IOException {
        Path devices = Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        for (int i = 0; i < HostText.MAX_ENTRIES + 50; i++) {
            Files.createFile(devices.resolve(String.format("0000:%02x:%02x.%d", i >> 8, (i >> 3) & 0x1f, i & 7)));
        }
        HostFiles.Read<java.util.List<String>> listing = new HostFiles(HostRoot.of(root.toString()))
                .list("/sys/bus/pci/devices");

        assertThat(listing.value()).get().satisfies(names -> assertThat(names).hasSize(HostText.MAX_ENTRIES));
        assertThat(listing.observed()).startsWith("more than " + HostText.MAX_ENTRIES + " entries");
    }

    @Test
    void aPipeWhereAFileShouldBeIsNeverOpened() throws Exception {
        Path pipe = root.resolve("status");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is here");
        HostFiles files = new HostFiles(HostRoot.of(root.toString()));

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            assertThat(files.bytes("/status").observed()).isEqualTo("unreadable: not a regular file");
            assertThat(files.text("/status")).isEmpty(); // opening a pipe with no writer would block forever
        });
    }
}
