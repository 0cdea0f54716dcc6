package io.hwplatform.hypervisor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one small host file (sysfs, procfs) the way C code would, and says in words what went wrong when it could
 * not. Never throws.
 *
 * @param text the content, cut at the first NUL and trimmed; empty when there is nothing usable
 * @param observed what the file said, for the evidence table: a short preview of the text, or why there is none
 */
record HostText(Optional<String> text, String observed) {

    /** Procfs files report size 0, so reading is bounded by this instead; {@code /proc/cpuinfo} can be large. */
    static final int MAX_BYTES = 64 * 1024;
    private static final int PREVIEW = 96;

    static HostText absent() {
        return new HostText(Optional.empty(), "absent");
    }

    static HostText read(Path file) {
        if (Files.isDirectory(file)) {
            return new HostText(Optional.empty(), "unreadable: is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in.readNBytes(MAX_BYTES));
        } catch (NoSuchFileException e) {
            return absent();
        } catch (IOException | SecurityException e) {
            return new HostText(Optional.empty(), describe(e));
        }
    }

    /** @return why a read failed, in words for the evidence table (root reads everything, so tests call this) */
    static String describe(Exception failure) {
        return failure instanceof AccessDeniedException
                ? "unreadable: permission denied" : "unreadable: " + failure.getMessage();
    }

    /** Decodes file content: cut at the first NUL, strict UTF-8, trimmed. */
    static HostText decode(byte[] bytes) {
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
    static String preview(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW - 1) + "…";
    }
}
