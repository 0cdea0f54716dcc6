package io.hwplatform.support.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way hwplatform reads a host's files, live or captured: every path is a host path ({@code /sys/...})
 * resolved through the {@link HostRoot}; contents are capped at {@link HostText#MAX_BYTES}, listings at
 * {@link HostText#MAX_ENTRIES}; only regular files are opened (a pipe or device in a captured tree could block a
 * read forever). Nothing throws: each answer says in words what the file said or why there is nothing, for evidence.
 */
public final class HostFiles {

    private final HostRoot root;

    public HostFiles(HostRoot root) {
        this.root = root;
    }

    /**
     * What a read gave, and what it saw.
     *
     * @param value the content, or empty when there is none
     * @param observed a short preview, or why there is no content ({@code absent}, {@code unreadable: ...})
     */
    public record Read<T>(Optional<T> value, String observed) {}

    public HostRoot root() {
        return root;
    }

    /** @return a small text file, cut at the first NUL and trimmed, or why there is none (see {@link HostText}) */
    public HostText read(String hostPath) {
        return HostText.read(root.resolve(hostPath));
    }

    /** @return a small text file's content, or empty (why is {@link #read}'s) */
    public Optional<String> text(String hostPath) {
        return read(hostPath).text();
    }

    /** @return a file's raw bytes, at most {@link HostText#MAX_BYTES} */
    public Read<byte[]> bytes(String hostPath) {
        Path file = root.resolve(hostPath);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            return new Read<>(Optional.empty(), "unreadable: not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(HostText.MAX_BYTES);
            return new Read<>(Optional.of(bytes), bytes.length + " bytes");
        } catch (NoSuchFileException e) {
            return new Read<>(Optional.empty(), "absent");
        } catch (IOException | SecurityException e) {
            return new Read<>(Optional.empty(), HostText.describe(e));
        }
    }

    /** @return whether the path exists, itself (a dangling link exists) */
    public boolean exists(String hostPath) {
        return Files.exists(root.resolve(hostPath), LinkOption.NOFOLLOW_LINKS);
    }

    /** @return a directory's entry names, sorted, at most {@link HostText#MAX_ENTRIES}; empty when absent */
    public Read<List<String>> list(String hostDirectory) {
        try (Stream<Path> entries = Files.list(root.resolve(hostDirectory))) {
            List<String> names = entries.limit(HostText.MAX_ENTRIES + 1L)
                    .map(path -> path.getFileName().toString()).sorted().toList();
            if (names.size() > HostText.MAX_ENTRIES) {
                names = names.subList(0, HostText.MAX_ENTRIES);
                return new Read<>(Optional.of(names), "more than " + HostText.MAX_ENTRIES + " entries; the first "
                        + HostText.MAX_ENTRIES + " read: " + HostText.preview(String.join(" ", names)));
            }
            return new Read<>(Optional.of(names), names.isEmpty() ? "empty"
                    : HostText.preview(String.join(" ", names)));
        } catch (NoSuchFileException e) {
            return new Read<>(Optional.empty(), "absent");
        } catch (IOException | SecurityException e) {
            return new Read<>(Optional.empty(), HostText.describe(e));
        }
    }

    /** @return a directory's entry names as {@link #list} reads them; none when it cannot be read */
    public List<String> names(String hostDirectory) {
        return list(hostDirectory).value().orElse(List.of());
    }

    /** @return the last name of a symbolic link's target (e.g. a driver's name) */
    public Read<String> linkName(String hostPath) {
        Path link = root.resolve(hostPath);
        try {
            String target = Files.readSymbolicLink(link).getFileName().toString();
            return new Read<>(Optional.of(target), "-> " + target);
        } catch (NoSuchFileException e) {
            return new Read<>(Optional.empty(), "absent");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return new Read<>(Optional.empty(), Files.exists(link) ? "not a link" : HostText.describe(e));
        }
    }

    /**
     * Resolves every symbolic link of a host path, as realpath(3) does, staying inside the root (sysfs links are
     * relative, so a captured tree resolves within itself).
     *
     * @return the resolved host path (starting with {@code /}); empty when absent or when a link leaves the root
     */
    public Optional<String> realPath(String hostPath) {
        try {
            Path real = root.resolve(hostPath).toRealPath();
            Path rootPath = root.path().toRealPath();
            if (!real.startsWith(rootPath)) {
                return Optional.empty();
            }
            return Optional.of("/" + rootPath.relativize(real).toString().replace('\\', '/'));
        } catch (IOException | SecurityException absent) {
            return Optional.empty();
        }
    }
}
