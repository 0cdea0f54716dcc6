package io.hwplatform.hypervisor.internal;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import io.hwplatform.api.hypervisor.spi.Signal;
import io.hwplatform.support.probe.ProbeSupport;
import io.hwplatform.support.probe.RecordingHostSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * What belongs to no hypervisor platform: whether any hypervisor is present at all, the cloud, and the container
 * layer (systemd's container order, plus Kubernetes).
 */
@Component
public final class HostProbe implements HypervisorProbe {

    /** The inode of the initial cgroup namespace; any other means we run inside a container's namespace. */
    static final String INITIAL_CGROUP_NAMESPACE = "cgroup:[4026531835]";

    /** Clouds by SMBIOS: field, prefix, provider. Public facts (cloud-init's ds-identify, provider docs). */
    private static final List<String[]> CLOUDS = List.of(
            new String[] {"SYS_VENDOR", "Amazon EC2", "aws"},
            new String[] {"PRODUCT_NAME", "Amazon EC2", "aws"},
            new String[] {"BIOS_VENDOR", "Amazon EC2", "aws"},
            new String[] {"PRODUCT_NAME", "Google Compute Engine", "gcp"},
            new String[] {"SYS_VENDOR", "Google", "gcp"},
            new String[] {"CHASSIS_ASSET_TAG", "7783-7084-3265-9085-8269-3286-77", "azure"},
            new String[] {"SYS_VENDOR", "Alibaba Cloud", "alibaba"},
            new String[] {"CHASSIS_ASSET_TAG", "OracleCloud.com", "oracle"},
            new String[] {"SYS_VENDOR", "DigitalOcean", "digitalocean"},
            new String[] {"SYS_VENDOR", "Hetzner", "hetzner"},
            new String[] {"PRODUCT_NAME", "OpenStack", "openstack"});

    @Override
    public String name() {
        return "host";
    }

    @Override
    public List<Finding> examine(HostSignals host) {
        List<Finding> findings = new ArrayList<>();
        presence(host, findings);
        cloud(host).ifPresent(findings::add);
        if (host.os() == HostSignals.Os.LINUX) {
            container(host).ifPresent(findings::add);
        }
        return findings;
    }

    /** Signs that some hypervisor is there, without naming it. */
    private static void presence(HostSignals host, List<Finding> findings) {
        if (ProbeSupport.cpuinfoField(host, "flags").map(flags -> (" " + flags + " ").contains(" hypervisor ")).orElse(false)) {
            findings.add(new Finding.Hypervisor(HypervisorType.OTHER, Signal.PRESENCE, 0, ProbeSupport.CPUINFO));
        }
        Optional<int[]> features = host.cpuid(1);
        if (features.isPresent() && (features.get()[2] & RecordingHostSignals.HYPERVISOR_BIT) != 0) {
            findings.add(new Finding.Hypervisor(HypervisorType.OTHER, Signal.PRESENCE, 1, HostSignals.cpuidSource(1)));
        }
        if (host.text("/sys/hypervisor/type").isPresent()) {
            findings.add(new Finding.Hypervisor(HypervisorType.OTHER, Signal.PRESENCE, 2, "/sys/hypervisor/type"));
        }
    }

    static Optional<Finding> cloud(HostSignals host) {
        for (String[] row : CLOUDS) {
            FirmwareField field = FirmwareField.valueOf(row[0]);
            if (host.firmware(field).filter(value -> value.startsWith(row[1])).isPresent()) {
                return Optional.of(new Finding.Cloud(row[2], host.firmwareSource(field)));
            }
        }
        Optional<String> biosVersion = host.firmware(FirmwareField.BIOS_VERSION);
        if (biosVersion.filter(version -> version.toLowerCase(Locale.ROOT).contains("amazon")).isPresent()) {
            return Optional.of(new Finding.Cloud("aws", host.firmwareSource(FirmwareField.BIOS_VERSION)));
        }
        return Optional.empty();
    }

    /** systemd's container order; the first that answers wins. */
    static Optional<Finding> container(HostSignals host) {
        if (host.exists("/proc/vz") && !host.exists("/proc/bc")) {
            return Optional.of(new Finding.Container("openvz", "/proc/vz"));
        }
        Optional<String> osRelease = host.text("/proc/sys/kernel/osrelease");
        if (osRelease.filter(release -> release.contains("Microsoft") || release.contains("WSL")).isPresent()) {
            return Optional.of(new Finding.Container("wsl", "/proc/sys/kernel/osrelease"));
        }
        for (String file : List.of("/run/host/container-manager", "/run/systemd/container")) {
            Optional<String> manager = host.text(file).map(text -> text.lines().findFirst().orElse("").strip())
                    .filter(name -> !name.isEmpty() && !name.equals("oci"));
            if (manager.isPresent()) {
                return Optional.of(new Finding.Container(manager.get(), file));
            }
        }
        if (host.exists("/run/.containerenv")) {
            return Optional.of(new Finding.Container("podman", "/run/.containerenv"));
        }
        if (host.exists("/.dockerenv")) {
            return Optional.of(new Finding.Container("docker", "/.dockerenv"));
        }
        if (host.exists("/var/run/secrets/kubernetes.io/serviceaccount")) {
            return Optional.of(new Finding.Container("kubernetes", "/var/run/secrets/kubernetes.io/serviceaccount"));
        }
        Optional<String> namespace = host.linkName("/proc/self/ns/cgroup");
        if (namespace.filter(name -> !name.equals(INITIAL_CGROUP_NAMESPACE)).isPresent()) {
            return Optional.of(new Finding.Container("container-other", "/proc/self/ns/cgroup"));
        }
        return Optional.empty();
    }

}
