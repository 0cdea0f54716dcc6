package io.hwplatform.memory.linux.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where this process's memory cgroup is, found the way the kernel describes it rather than by assuming
 * {@code /sys/fs/cgroup}: the cgroup mounts of {@code /proc/self/mountinfo} (the unified v2 hierarchy, or the v1
 * memory controller of a legacy or hybrid host), our path in {@code /proc/self/cgroup} taken relative to each mount's
 * root (a container in a cgroup namespace of its own sees {@code 0::/} and its cgroup mounted at the top), and, when
 * our own cgroup sets no limit, the nearest ancestor that does. Pure: texts in, a file lookup for the limits.
 */
final class CgroupLocator {

    /** The hierarchy that holds the memory controller. */
    enum Version {
        V2, V1
    }

    /**
     * A cgroup filesystem mounted somewhere.
     *
     * @param root the cgroup path at the mount point (field 4 of mountinfo)
     * @param mountPoint where it is mounted (field 5)
     * @param v2 whether it is the unified hierarchy ({@code cgroup2}); else a v1 hierarchy of {@code controllers}
     * @param controllers the v1 controllers of the mount, from its super options
     */
    record Mount(String root, String mountPoint, boolean v2, Set<String> controllers) {}

    /**
     * @param version the hierarchy of the memory controller
     * @param own our cgroup's directory
     * @param limited the directory whose limits apply: our own when it has a limit or none above it has, else the
     *     nearest ancestor that has one
     * @param found how it was found, for {@code mem:sources}
     */
    record Location(Version version, String own, String limited, String found) {}

    /** A v1 limit at or above this (the kernel's page-rounded {@code LONG_MAX}) means none. */
    static final long V1_UNLIMITED = 1L << 62;

    private CgroupLocator() {}

    /**
     * @param read reads a host file's text, empty when absent or unreadable
     * @return our memory cgroup, or empty when this process has none it can see
     */
    static Optional<Location> locate(String mountinfo, String procSelfCgroup, Function<String, Optional<String>> read) {
        List<Mount> mounts = mounts(mountinfo);
        for (Version version : Version.values()) { // the unified hierarchy first: a hybrid host's v2 may lack memory
            Optional<String> path = path(procSelfCgroup, version);
            for (Mount mount : mounts) {
                boolean holdsMemory = version == Version.V2 ? mount.v2()
                        : !mount.v2() && mount.controllers().contains("memory");
                Optional<String> dir = holdsMemory ? path.flatMap(own -> directory(mount, own)) : Optional.empty();
                String usage = version == Version.V2 ? "/memory.current" : "/memory.usage_in_bytes";
                if (dir.isPresent() && read.apply(dir.get() + usage).isPresent()) {
                    return Optional.of(located(version, dir.get(), mount.mountPoint(), read));
                }
            }
        }
        return Optional.empty();
    }

    private static Location located(Version version, String own, String mountPoint,
            Function<String, Optional<String>> read) {
        String how = version == Version.V2 ? "cgroup v2" : "cgroup v1 memory controller";
        for (String dir = own; dir.startsWith(mountPoint); dir = parent(dir)) {
            if (hasLimit(version, dir, read)) {
                return new Location(version, own, dir, dir.equals(own) ? how + " " + own
                        : how + " " + own + ", limited by its ancestor " + dir);
            }
            if (dir.equals(mountPoint)) {
                break;
            }
        }
        return new Location(version, own, own, how + " " + own + ", no limit on it or its ancestors");
    }

    static boolean hasLimit(Version version, String dir, Function<String, Optional<String>> read) {
        if (version == Version.V2) {
            return number(read.apply(dir + "/memory.high")).isPresent()
                    || number(read.apply(dir + "/memory.max")).isPresent();
        }
        return number(read.apply(dir + "/memory.limit_in_bytes")).filter(limit -> limit < V1_UNLIMITED).isPresent()
                || number(read.apply(dir + "/memory.soft_limit_in_bytes")).filter(limit -> limit < V1_UNLIMITED)
                        .isPresent();
    }

    /** @return the number a cgroup file holds; empty for {@code max}, garbage or nothing */
    static Optional<Long> number(Optional<String> text) {
        try {
            return text.filter(value -> value.matches("\\d{1,19}")).map(Long::parseLong);
        } catch (NumberFormatException overflowing) {
            return Optional.empty();
        }
    }

    /** @return the cgroup mounts of a mountinfo text */
    static List<Mount> mounts(String mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.lines().toList()) {
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] fields = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (fields.length < 5 || after.length < 3) {
                continue;
            }
            boolean v2 = after[0].equals("cgroup2");
            if (v2 || after[0].equals("cgroup")) {
                mounts.add(new Mount(unescape(fields[3]), unescape(fields[4]), v2,
                        v2 ? Set.of() : Set.of(after[2].split(","))));
            }
        }
        return mounts;
    }

    /** @return our path in a hierarchy: the {@code 0::} line for v2, the line naming {@code memory} for v1 */
    static Optional<String> path(String procSelfCgroup, Version version) {
        for (String line : procSelfCgroup.lines().toList()) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean match = version == Version.V2 ? parts[0].equals("0") && parts[1].isEmpty()
                    : List.of(parts[1].split(",")).contains("memory");
            if (match && parts[2].startsWith("/") && !parts[2].contains("..")) {
                return Optional.of(parts[2].strip());
            }
        }
        return Optional.empty();
    }

    /**
     * @return the directory of a cgroup path in a mount: the mount point plus the path below the mount's root; empty
     *     when the path is not below it (the cgroup is outside what this mount shows)
     */
    static Optional<String> directory(Mount mount, String path) {
        String root = mount.root().equals("/") ? "" : mount.root();
        if (!path.equals(root) && !path.startsWith(root + "/") && !root.isEmpty()) {
            return Optional.empty();
        }
        String below = path.substring(root.length());
        String base = mount.mountPoint().endsWith("/") ? mount.mountPoint().substring(0, mount.mountPoint().length() - 1)
                : mount.mountPoint();
        return Optional.of(below.equals("/") || below.isEmpty() ? base : base + below);
    }

    private static String parent(String dir) {
        int slash = dir.lastIndexOf('/');
        return slash <= 0 ? "/" : dir.substring(0, slash);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
