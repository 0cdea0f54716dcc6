package io.hwplatform.support.host;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * The filesystem root through which every host read (sysfs, procfs, DMI, device nodes) goes.
 *
 * <p>On a live system the root is {@code /}. Pointing the framework property or system property {@value #PROPERTY}
 * at a directory that holds a captured tree ({@code sys/}, {@code proc/}, {@code dev/cpu/0/cpuid}, ...) makes the whole
 * runtime describe that tree instead. Code that must not mix captured facts with live ones (for example a JVM
 * cross-check, or binding memory to nodes) asks {@link #isLive()}.
 *
 * <p>Thread-safety: immutable.
 */
public final class HostRoot {

    /** Framework or system property naming the root. Default {@code /}. */
    public static final String PROPERTY = "hwplatform.root";

    private static final HostRoot LIVE = new HostRoot(Paths.get("/"));

    private final Path root;

    private HostRoot(Path root) {
        this.root = root;
    }

    /** @return the live system's root, {@code /} */
    public static HostRoot live() {
        return LIVE;
    }

    /**
     * @param root the value of {@value #PROPERTY}; {@code null} or blank means the live system
     * @return the root it names, made absolute and normalised
     */
    public static HostRoot of(String root) {
        if (root == null || root.isBlank()) {
            return LIVE;
        }
        Path path = Paths.get(root.trim()).toAbsolutePath().normalize();
        return path.getParent() == null ? LIVE : new HostRoot(path);
    }

    /** @return the root directory */
    public Path path() {
        return root;
    }

    /** @return {@code true} when the root is {@code /}, i.e. reads describe the machine this JVM runs on */
    public boolean isLive() {
        return root.getParent() == null;
    }

    /**
     * Maps a host path such as {@code /sys/class/dmi/id/sys_vendor} into this root.
     *
     * @param hostPath an absolute host path; a relative one is taken as relative to the root
     * @return the path under this root
     * @throws IllegalArgumentException when {@code ..} would climb out of the root
     */
    public Path resolve(String hostPath) {
        Objects.requireNonNull(hostPath, "hostPath");
        String relative = hostPath.replaceFirst("^/+", "");
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("host path escapes the root " + root + ": " + hostPath);
        }
        return resolved;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostRoot && ((HostRoot) other).root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
