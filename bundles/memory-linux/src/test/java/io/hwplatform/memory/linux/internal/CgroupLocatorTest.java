package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the memory cgroup is on the hosts a JVM runs on: from their mountinfo and /proc/self/cgroup texts. */
class CgroupLocatorTest {

    private static final String V2_MOUNT = "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 "
            + "- cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";
    /** This build machine: the memory controller on v1, an empty unified hierarchy beside it. */
    private static final String HYBRID = "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
            + "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
            + "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
            + "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

    @Test
    void aSystemdServiceLimitedByItsSlice() {
        Map<String, String> files = Map.of(
                "/sys/fs/cgroup/system.slice/karaf.service/memory.current", "524288000",
                "/sys/fs/cgroup/system.slice/karaf.service/memory.high", "max",
                "/sys/fs/cgroup/system.slice/karaf.service/memory.max", "max",
                "/sys/fs/cgroup/system.slice/memory.high", "2147483648");

        CgroupLocator.Location location = locate(V2_MOUNT, "0::/system.slice/karaf.service\n", files).orElseThrow();

        assertThat(location.version()).isEqualTo(CgroupLocator.Version.V2);
        assertThat(location.own()).isEqualTo("/sys/fs/cgroup/system.slice/karaf.service");
        assertThat(location.limited()).isEqualTo("/sys/fs/cgroup/system.slice");
        assertThat(location.found()).contains("limited by its ancestor /sys/fs/cgroup/system.slice");
    }

    @Test
    void aContainerInItsOwnCgroupNamespaceSeesItsCgroupAtTheTop() {
        Map<String, String> files = Map.of("/sys/fs/cgroup/memory.current", "104857600",
                "/sys/fs/cgroup/memory.max", "536870912");

        CgroupLocator.Location location = locate(V2_MOUNT, "0::/\n", files).orElseThrow();

        assertThat(location.own()).isEqualTo("/sys/fs/cgroup");
        assertThat(location.limited()).isEqualTo("/sys/fs/cgroup");
    }

    @Test
    void aContainerWithoutANamespaceHasItsCgroupMountedAsTheRoot() {
        String mountinfo = "1200 1199 0:26 /docker/abc123 /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n";
        Map<String, String> files = Map.of("/sys/fs/cgroup/memory.current", "1", "/sys/fs/cgroup/memory.high", "1000");

        assertThat(locate(mountinfo, "0::/docker/abc123\n", files).orElseThrow().own()).isEqualTo("/sys/fs/cgroup");
        assertThat(locate(mountinfo, "0::/elsewhere\n", files)).as("a cgroup outside what the mount shows").isEmpty();
    }

    @Test
    void theHybridBuildMachineUsesTheV1MemoryController() {
        String own = "/sys/fs/cgroup/memory/process_api/b8cbc0f7";
        Map<String, String> files = Map.of(own + "/memory.usage_in_bytes", "800956416",
                own + "/memory.limit_in_bytes", "9223372036854771712",
                own + "/memory.soft_limit_in_bytes", "9223372036854771712",
                "/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712",
                "/sys/fs/cgroup/unified/cgroup.controllers", "");

        CgroupLocator.Location location = locate(HYBRID, "4:memory:/process_api/b8cbc0f7\n0::/\n", files)
                .orElseThrow();

        assertThat(location.version()).isEqualTo(CgroupLocator.Version.V1);
        assertThat(location.own()).isEqualTo(own);
        assertThat(location.limited()).isEqualTo(own);
        assertThat(location.found()).isEqualTo("cgroup v1 memory controller " + own
                + ", no limit on it or its ancestors");
    }

    @Test
    void aV1LimitOnAnAncestorApplies() {
        Map<String, String> files = Map.of("/sys/fs/cgroup/memory/kubepods/pod1/c1/memory.usage_in_bytes", "1",
                "/sys/fs/cgroup/memory/kubepods/pod1/c1/memory.limit_in_bytes", "9223372036854771712",
                "/sys/fs/cgroup/memory/kubepods/pod1/memory.limit_in_bytes", "1073741824");

        CgroupLocator.Location location = locate(HYBRID, "4:memory:/kubepods/pod1/c1\n", files).orElseThrow();

        assertThat(location.limited()).isEqualTo("/sys/fs/cgroup/memory/kubepods/pod1");
    }

    @Test
    void escapedMountPointsAndGarbageLines() {
        String mountinfo = "garbage\n\n1 2 3\n30 23 0:26 / /mnt/cg\\040two rw - cgroup2 cgroup2 rw\n";
        assertThat(CgroupLocator.mounts(mountinfo)).singleElement()
                .satisfies(mount -> assertThat(mount.mountPoint()).isEqualTo("/mnt/cg two"));
        assertThat(CgroupLocator.path("0::/../../etc\n", CgroupLocator.Version.V2)).isEmpty();
        assertThat(CgroupLocator.number(Optional.of("99999999999999999999"))).isEmpty();
        assertThat(CgroupLocator.number(Optional.of("max"))).isEmpty();
        assertThat(locate("", "0::/\n", Map.of())).isEmpty();
    }

    private static Optional<CgroupLocator.Location> locate(String mountinfo, String cgroup, Map<String, String> files) {
        return CgroupLocator.locate(mountinfo, cgroup, path -> Optional.ofNullable(files.get(path)));
    }
}
