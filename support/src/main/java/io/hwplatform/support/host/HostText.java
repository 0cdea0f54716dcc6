package io.hwplatform.support.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One small host file (sysfs, procfs) read the way C code would read it, with what went wrong said in words when it
 * could not be read. Reading never throws: absent, empty, unreadable, non-UTF-8 and directory paths all give an empty
 * {@link #text()} and an {@link #observed()} that tells why.
 *
 * <p>Thread-safety: immutable; the static methods are pure or touch only the file read.
 *
 * @param text the content, cut at the first NUL and trimmed; empty when there is nothing usable
 * @param observed what the file said, for evidence and diagnostics: a short one-line preview, or why there is none
 */
public record HostText(Optional<String> text, String observed) {

    /** Procfs files report size 0, so reading is bounded by this instead; {@code /proc/cpuinfo} can be large. */
    public static final int MAX_BYTES = 64 * 1024;
    /** A directory listing is cut at this many entries: a damaged or hostile tree cannot make a reader run forever. */
    public static final int MAX_ENTRIES = 4096;
    private static final int PREVIEW = 96;

    /** @return the reading of a file that does not exist */
    public static HostText absent() {
        return new HostText(Optional.empty(), "absent");
    }

    /**
     * @return the file's text, or why there is none. Only regular files are read (sysfs and procfs attributes are):
     *     a pipe or a device in a captured tree could block the reader forever.
     */
    public static HostText read(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return new HostText(Optional.empty(), "unreadable: is a directory");
            }
            if (!attributes.isRegularFile()) {
                return new HostText(Optional.empty(), "unreadable: not a regular file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return decode(in.readNBytes(MAX_BYTES));
            }
        } catch (NoSuchFileException e) {
            return absent();
        } catch (IOException | SecurityException e) {
            return new HostText(Optional.empty(), describe(e));
        }
    }

    /** @return why a read failed, in words, e.g. {@code unreadable: permission denied} */
    public static String describe(Exception failure) {
        if (failure instanceof AccessDeniedException) {
            return "unreadable: permission denied";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return "unreadable: " + fileSystem.getReason(); // e.g. "Too many levels of symbolic links"
        }
        return "unreadable: " + failure.getMessage();
    }

    /** Decodes file content: cut at the first NUL, strict UTF-8, trimmed. */
    public static HostText decode(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end))
                    .toString()
                    .strip();
        } catch (CharacterCodingException e) {
            return new HostText(Optional.empty(), "garbled: not UTF-8");
        }
        if (text.isEmpty()) {
            return new HostText(Optional.empty(), bytes.length == 0 ? "empty" : "blank");
        }
        return new HostText(Optional.of(text), preview(text));
    }

    /** @return the text on one line, shortened for display */
    public static String preview(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW - 1) + "…";
    }
}
