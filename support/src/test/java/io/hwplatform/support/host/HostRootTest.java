package io.hwplatform.support.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class HostRootTest {

    @Test
    void missingOrBlankOrSlashMeansTheLiveSystem() {
        assertThat(HostRoot.of(null).isLive()).isTrue();
        assertThat(HostRoot.of("  ").isLive()).isTrue();
        assertThat(HostRoot.of("/").isLive()).isTrue();
        assertThat(HostRoot.of("/").resolve("/proc/meminfo")).isEqualTo(Paths.get("/proc/meminfo"));
    }

    @Test
    void capturedTreeResolvesHostPathsBelowIt() {
        HostRoot root = HostRoot.of("/tmp/capture/");
        assertThat(root.isLive()).isFalse();
        assertThat(root.resolve("/sys/class/dmi/id/sys_vendor"))
                .isEqualTo(Path.of("/tmp/capture/sys/class/dmi/id/sys_vendor"));
        assertThat(root.resolve("proc/cpuinfo")).isEqualTo(Path.of("/tmp/capture/proc/cpuinfo"));
    }

    @Test
    void relativeRootIsMadeAbsolute() {
        assertThat(HostRoot.of("fixtures/kvm").path().isAbsolute()).isTrue();
    }

    @Test
    void climbingOutOfTheRootIsRefused() {
        HostRoot root = HostRoot.of("/tmp/capture");
        assertThatThrownBy(() -> root.resolve("/sys/../../etc/shadow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escapes the root");
    }
}
