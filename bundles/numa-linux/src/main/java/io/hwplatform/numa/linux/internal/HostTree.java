package io.hwplatform.numa.linux.internal;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.HostText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads sysfs and procfs through the configured root. Never throws: what cannot be read is absent. */
final class HostTree {

    private final HostRoot root;

    HostTree(HostRoot root) {
        this.root = root;
    }

    Optional<String> text(String hostPath) {
        return HostText.read(root.resolve(hostPath)).text();
    }

    boolean exists(String hostPath) {
        return Files.exists(root.resolve(hostPath));
    }

    /**
     * @return the entry names of a directory, sorted, at most {@link HostText#MAX_ENTRIES} of them; empty when absent
     *     or unreadable
     */
    List<String> list(String hostDirectory) {
        try (Stream<Path> entries = Files.list(root.resolve(hostDirectory))) {
            return entries.limit(HostText.MAX_ENTRIES).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException | SecurityException unreadable) {
            return List.of();
        }
    }

    /**
     * Resolves every symbolic link of a host path, as realpath(3) does, staying inside the root (sysfs links are
     * relative, so a captured tree resolves within itself).
     *
     * @return the resolved host path (starting with {@code /}); empty when absent or when a link leaves the root
     */
    Optional<String> realPath(String hostPath) {
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
