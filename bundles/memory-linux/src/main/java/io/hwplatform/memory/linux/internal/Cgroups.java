package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.host.HostRoot;
import io.hwplatform.api.host.HostText;
import java.util.Optional;

/** Where this process's cgroup v2 directory is. */
final class Cgroups {

    static final String MOUNT = "/sys/fs/cgroup";

    private Cgroups() {}

    /**
     * The unified hierarchy's line of {@code /proc/self/cgroup} is {@code 0::/path}; the root cgroup ({@code 0::/})
     * has no memory controller files of its own.
     *
     * @return the host path of our cgroup directory, e.g. {@code /sys/fs/cgroup/system.slice/karaf.service}
     */
    static Optional<String> ownDirectory(String procSelfCgroup) {
        return procSelfCgroup.lines().filter(line -> line.startsWith("0::"))
                .map(line -> line.substring(3).strip())
                .filter(path -> path.startsWith("/") && path.length() > 1 && !path.contains(".."))
                .map(path -> MOUNT + path).findFirst();
    }

    /** @return our cgroup directory as the (live or captured) root shows it */
    static Optional<String> ownDirectory(HostRoot root) {
        return HostText.read(root.resolve("/proc/self/cgroup")).text().flatMap(Cgroups::ownDirectory);
    }
}
