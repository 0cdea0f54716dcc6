package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.Subscription;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.testsupport.TreeDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The v1 memory controller on a captured hybrid-layout tree ({@code src/test/trees/cgroup-v1-hybrid-guest}): a
 * service at 96 % of its 500 MiB {@code memory.limit_in_bytes}, no soft limit, and what changes between samples.
 */
class CgroupV1TreeTest {

    private static final Path TREE = Path.of("src/test/trees/cgroup-v1-hybrid-guest");
    private static final String SERVICE = "sys/fs/cgroup/memory/system.slice/app.service/";

    @Test
    void nearItsLimitTheCgroupIsCriticalAndWantsToGetBackToTheTarget() throws Exception {
        Path root = copy();
        try {
            CgroupLimitSource source = new CgroupLimitSource(HostRoot.of(root.toString()), 500, false);
            assertThat(source.describe()).startsWith("cgroup v1 memory controller /sys/fs/cgroup/memory/system.slice/app.service")
                    .contains("memory.usage_in_bytes against memory.soft_limit_in_bytes and memory.limit_in_bytes");

            source.sample();

            assertThat(source.current().level()).isEqualTo(PressureLevel.CRITICAL);
            assertThat(source.current().bytesWanted()).as("480 MiB down to 85 % of 500 MiB")
                    .isEqualTo(503316480L - (long) (CgroupLimitSource.TARGET * 524288000L));
            assertThat(source.current().detail()).contains("current 480 MiB").contains("high - ") // the page-rounded LONG_MAX: no soft limit
                    .contains("max 500 MiB");
        } finally {
            TreeDamage.deleteRecursively(root);
        }
    }

    @Test
    void aNewFailureBelowTheLimitIsStillCriticalAndACalmCgroupIsNot() throws Exception {
        Path root = copy();
        try {
            CgroupLimitSource source = new CgroupLimitSource(HostRoot.of(root.toString()), 500, false);
            Files.writeString(root.resolve(SERVICE + "memory.usage_in_bytes"), "314572800\n"); // 300 MiB
            source.sample();
            assertThat(source.current().level()).isEqualTo(PressureLevel.NONE);

            Files.writeString(root.resolve(SERVICE + "memory.failcnt"), "18\n"); // the limit was hit again
            source.sample();
            assertThat(source.current().level()).isEqualTo(PressureLevel.CRITICAL);
            assertThat(source.current().detail()).contains("max/oom +1");

            source.sample();
            assertThat(source.current().level()).as("no new failure").isEqualTo(PressureLevel.NONE);

            Files.writeString(root.resolve(SERVICE + "memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n"
                    + "oom_kill 1\n");
            source.sample();
            assertThat(source.current().level()).as("an OOM kill in the cgroup").isEqualTo(PressureLevel.CRITICAL);
        } finally {
            TreeDamage.deleteRecursively(root);
        }
    }

    @Test
    void thePressureLevelNotificationsAreFoundButACapturedTreeSendsNone() {
        CgroupV1PressureSource source = new CgroupV1PressureSource(HostRoot.of(TREE.toAbsolutePath().toString()));
        assertThat(source.isAvailable()).isTrue();
        assertThat(source.describe()).isEqualTo("memory.pressure_level of /sys/fs/cgroup/memory/system.slice/app.service (medium, "
                + "critical)");
        Subscription watching = source.watch(pressure -> { });
        try {
            assertThat(source.describe()).endsWith("a captured tree sends no notifications");
            assertThat(source.current().level()).isEqualTo(PressureLevel.NONE);
        } finally {
            watching.close();
        }
    }

    private static Path copy() throws Exception {
        Path root = Files.createTempDirectory("cgroup-v1-");
        TreeDamage.copyTree(TREE, root);
        return root;
    }
}
