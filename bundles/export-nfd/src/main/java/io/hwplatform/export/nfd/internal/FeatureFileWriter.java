package io.hwplatform.export.nfd.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the feature file so that nfd-worker never reads half of it: into {@code .<name>} beside it (NFD skips files
 * whose name starts with a dot), then renamed over the file in one step.
 */
final class FeatureFileWriter {

    private final Path file;
    private final Path partial;

    FeatureFileWriter(Path directory, String name) {
        this.file = directory.resolve(name);
        this.partial = directory.resolve("." + name);
    }

    Path file() {
        return file;
    }

    /** @return whether the directory is there: nfd's {@code features.d} exists only where NFD runs */
    boolean directoryExists() {
        return Files.isDirectory(file.getParent());
    }

    void write(String text) throws IOException {
        Files.write(partial, FeatureFile.bytes(text));
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) { // same directory: only exotic file systems refuse
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The facts are no longer kept up to date: the file goes, and NFD drops the features at its next pass. */
    void delete() throws IOException {
        Files.deleteIfExists(partial);
        Files.deleteIfExists(file);
    }
}
