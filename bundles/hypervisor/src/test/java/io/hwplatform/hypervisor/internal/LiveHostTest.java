package io.hwplatform.hypervisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.probe.LinuxHostSignals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The detector on the machine running the build, compared with {@code systemd-detect-virt --vm} where that exists.
 * Also reports the time a detection takes once classes are loaded (printed, never asserted: machines are noisy).
 */
class LiveHostTest {

    /** systemd's names for what we call the same. */
    private static final Map<String, HypervisorType> SYSTEMD = Map.ofEntries(
            Map.entry("none", HypervisorType.NONE), Map.entry("kvm", HypervisorType.KVM),
            Map.entry("amazon", HypervisorType.KVM), Map.entry("google", HypervisorType.KVM),
            Map.entry("qemu", HypervisorType.QEMU), Map.entry("vmware", HypervisorType.VMWARE),
            Map.entry("microsoft", HypervisorType.HYPERV), Map.entry("xen", HypervisorType.XEN),
            Map.entry("oracle", HypervisorType.VIRTUALBOX), Map.entry("parallels", HypervisorType.PARALLELS),
            Map.entry("bhyve", HypervisorType.BHYVE), Map.entry("acrn", HypervisorType.ACRN),
            Map.entry("qnx", HypervisorType.QNX), Map.entry("bochs", HypervisorType.BOCHS),
            Map.entry("uml", HypervisorType.UML), Map.entry("powervm", HypervisorType.POWERVM),
            Map.entry("zvm", HypervisorType.ZVM), Map.entry("apple", HypervisorType.APPLE),
            Map.entry("sre", HypervisorType.SRE), Map.entry("vm-other", HypervisorType.OTHER));

    @Test
    void agreesWithSystemdWhereSystemdIsThere() throws Exception {
        HypervisorInfo info = detect();
        Optional<String> systemd = systemdDetectVirt();
        System.out.printf("live host: %s, decided by %s; systemd-detect-virt --vm: %s%n", info.type(),
                info.decidedBy(), systemd.orElse("not installed"));

        assertThat(info.root()).isEqualTo("/");
        if (systemd.isPresent() && SYSTEMD.containsKey(systemd.get())) {
            assertThat(info.type()).isEqualTo(SYSTEMD.get(systemd.get()));
        }
    }

    @Test
    void detectionIsStableAndReportsHowLongItTakes() {
        for (int warmUp = 0; warmUp < 50; warmUp++) {
            detect();
        }
        HypervisorInfo first = detect();
        long[] micros = new long[101];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            HypervisorInfo again = detect();
            micros[i] = (System.nanoTime() - start) / 1_000;
            assertThat(again.type()).as("the same host, the same verdict").isEqualTo(first.type());
            assertThat(again.decidedBy()).isEqualTo(first.decidedBy());
        }
        Arrays.sort(micros);
        System.out.printf("detection on the live host: median %d us, 90th percentile %d us, max %d us%n",
                micros[50], micros[90], micros[100]);
        assertThat(first.evidence()).as("the signals read are shown").isNotEmpty();
    }

    private static HypervisorInfo detect() {
        return Detection.run(new LinuxHostSignals(HostRoot.live()), ScenarioTest.ALL_PROBES, "/");
    }

    private static Optional<String> systemdDetectVirt() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("systemd-detect-virt", "--vm").redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }
}
