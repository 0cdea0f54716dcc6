package io.hwplatform.support.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file another program reads whole, from a directory it watches (NFD's {@code features.d}, node_exporter's textfile
 * collector): written beside it under a name that program skips, then renamed over it in one step, so it never reads
 * half a file; written only where the directory exists, since it exists only where that program runs.
 */
public final class ExportFile {

    private static final System.Logger LOG = System.getLogger(ExportFile.class.getName());

    private final Path file;
    private final Path partial;
    private final String reader;
    private volatile boolean saidMissing;

    /**
     * @param partial where the text is written first, in the same directory, under a name the reader skips
     * @param reader the program that reads the directory, for the one message that says it is not there
     */
    public ExportFile(Path file, Path partial, String reader) {
        this.file = file;
        this.partial = partial;
        this.reader = reader;
    }

    public Path file() {
        return file;
    }

    /** @return whether the file was written; false, said once, while the directory does not exist */
    public boolean write(String text) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            if (!saidMissing) {
                saidMissing = true;
                LOG.log(System.Logger.Level.INFO, "no " + file.getParent() + " (no " + reader + " here): " + file
                        .getFileName() + " is not written");
            }
            return false;
        }
        saidMissing = false;
        Files.write(partial, text.getBytes(StandardCharsets.UTF_8));
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) { // same directory: only exotic file systems refuse
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** Removes the file, once what it says is no longer kept up to date: stale facts are worse than none. */
    public void delete() {
        try {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + file + ": " + e.getMessage());
        }
    }
}
