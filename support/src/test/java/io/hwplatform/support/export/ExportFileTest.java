package io.hwplatform.support.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFileTest {

    @TempDir
    Path directory;

    @Test
    void eachWriteReplacesTheFileWholeByRenamingANewOneOverIt() throws IOException {
        ExportFile export = new ExportFile(directory.resolve("facts"), directory.resolve(".facts"), "a reader");
        assertThat(export.write("first\n")).isTrue();
        Object first = Files.readAttributes(export.file(), BasicFileAttributes.class).fileKey();

        assertThat(export.write("second\n")).isTrue();

        assertThat(export.file()).hasContent("second");
        assertThat(directory.resolve(".facts")).doesNotExist();
        Object second = Files.readAttributes(export.file(), BasicFileAttributes.class).fileKey();
        assertThat(second).as("a new file (inode), never the old one rewritten in place").isNotEqualTo(first);
    }

    /** A reader that reads the file over and over while it is rewritten never sees half of one. */
    @Test
    void aReaderNeverSeesAPartialFile() throws Exception {
        ExportFile export = new ExportFile(directory.resolve("facts"), directory.resolve(".facts"), "a reader");
        export.write(text('a', 200_000));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (writing.get() && torn.get() == null) {
                try {
                    String seen = Files.readString(export.file());
                    reads.incrementAndGet();
                    if (!seen.equals(text('a', 200_000)) && !seen.equals(text('b', 50_000))) {
                        torn.set(seen.length() + " characters");
                    }
                } catch (NoSuchFileException e) {
                    torn.set("no file at all");
                } catch (IOException e) {
                    torn.set(e.toString());
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 300 && torn.get() == null; i++) {
                export.write(i % 2 == 0 ? text('b', 50_000) : text('a', 200_000));
            }
        } finally {
            writing.set(false);
            reader.join();
        }
        assertThat(torn.get()).as("what a reader saw in %d reads", reads.get()).isNull();
        assertThat(reads.get()).isPositive();
    }

    @Test
    void nothingIsWrittenWhereTheDirectoryDoesNotExist() throws IOException {
        Path missing = directory.resolve("features.d");
        ExportFile export = new ExportFile(missing.resolve("facts"), missing.resolve(".facts"), "nfd-worker");
        assertThat(export.write("x\n")).isFalse();
        assertThat(missing).doesNotExist();
    }

    @Test
    void deleteRemovesTheFileAndAnyLeftoverPart() throws IOException {
        ExportFile export = new ExportFile(directory.resolve("facts"), directory.resolve(".facts"), "a reader");
        export.write("x\n");
        Files.writeString(directory.resolve(".facts"), "half");
        export.delete();
        assertThat(directory.resolve("facts")).doesNotExist();
        assertThat(directory.resolve(".facts")).doesNotExist();
    }

    private static String text(char character, int length) {
        return String.valueOf(character).repeat(length);
    }
}
