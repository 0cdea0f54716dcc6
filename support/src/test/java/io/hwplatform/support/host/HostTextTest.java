package io.hwplatform.support.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never throws: it becomes evidence, and the text is empty so the verdict falls to the next signal. */
class HostTextTest {

    @TempDir
    Path temp;

    @Test
    void plainTextIsTrimmed() {
        assertThat(HostText.decode("  QEMU \n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new HostText(Optional.of("QEMU"), "QEMU"));
    }

    @Test
    void nulTerminatedTextIsCutAtTheFirstNul() {
        assertThat(HostText.decode("linux,kvm\0xen\0".getBytes(StandardCharsets.UTF_8)).text()).contains("linux,kvm");
    }

    @Test
    void emptyAndBlankFilesSayNothing() {
        assertThat(HostText.decode(new byte[0])).isEqualTo(new HostText(Optional.empty(), "empty"));
        assertThat(HostText.decode(" \n\0".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new HostText(Optional.empty(), "blank"));
    }

    @Test
    void nonUtf8IsGarbled() {
        assertThat(HostText.decode(new byte[] {'Q', (byte) 0xC3, (byte) 0x28, 'U'}))
                .isEqualTo(new HostText(Optional.empty(), "garbled: not UTF-8"));
    }

    @Test
    void truncatedUtf8IsGarbledToo() {
        byte[] cutInsideACharacter = {'K', 'V', 'M', (byte) 0xE2, (byte) 0x82};
        assertThat(HostText.decode(cutInsideACharacter).observed()).isEqualTo("garbled: not UTF-8");
    }

    @Test
    void longTextIsShortenedForDisplayOnly() {
        String longText = "x".repeat(500);
        HostText read = HostText.decode(longText.getBytes(StandardCharsets.UTF_8));
        assertThat(read.text()).contains(longText);
        assertThat(read.observed()).hasSize(96).endsWith("…");
    }

    @Test
    void absentFilesAndDirectoriesAreEvidence() throws IOException {
        assertThat(HostText.read(temp.resolve("missing"))).isEqualTo(HostText.absent());
        assertThat(HostText.read(temp).observed()).isEqualTo("unreadable: is a directory");
        Path file = Files.writeString(temp.resolve("sys_vendor"), "VMware, Inc.\n");
        assertThat(HostText.read(file).text()).contains("VMware, Inc.");
    }

    @Test
    void accessDeniedIsSaidInWords() {
        assertThat(HostText.describe(new java.nio.file.AccessDeniedException("/dev/cpu/0/cpuid")))
                .isEqualTo("unreadable: permission denied");
        assertThat(HostText.describe(new IOException("Input/output error")))
                .isEqualTo("unreadable: Input/output error");
    }
}
