package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The deployment examples are what they claim: valid YAML of the right kinds, mounting what the bundles write to. */
class DeployExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "deploy-examples");
    private static final String FEATURES_D = "/etc/kubernetes/node-feature-discovery/features.d";

    @Test
    @SuppressWarnings("unchecked")
    void theDaemonSetRunsTheDaemonWithNfdsDirectoryFromTheHost() throws IOException {
        Map<String, Object> daemonSet = yaml("daemonset.yaml");

        assertThat(daemonSet).containsEntry("apiVersion", "apps/v1").containsEntry("kind", "DaemonSet");
        Map<String, Object> pod = (Map<String, Object>) at(daemonSet, "spec", "template", "spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<String>) container.get("command")).contains("--daemon").containsSequence("--http", "9464");
        assertThat((List<Map<String, Object>>) container.get("volumeMounts")).extracting(mount -> mount.get("mountPath"))
                .contains(FEATURES_D, "/var/lib/node_exporter/textfile_collector");
        assertThat((List<Map<String, Object>>) pod.get("volumes")).filteredOn(volume -> volume.containsKey("hostPath"))
                .extracting(volume -> at(volume, "hostPath", "path")).contains(FEATURES_D);
    }

    @Test
    void theNodeFeatureRuleMatchesAFeatureTheExporterWrites() throws IOException {
        Map<String, Object> rule = yaml("node-feature-rule.yaml");

        assertThat(rule).containsEntry("kind", "NodeFeatureRule");
        assertThat(Files.readString(EXAMPLES.resolve("node-feature-rule.yaml")))
                .contains("feature: local.feature").contains("hwplatform.io/device.nvme0n1.nodes");
    }

    @Test
    void theSystemdUnitRunsTheDaemonAndStopsItWithSigterm() throws IOException {
        Map<String, Map<String, String>> unit = unitFile(Files.readString(EXAMPLES.resolve("hwplatform.service")));

        assertThat(unit).containsKeys("Unit", "Service", "Install");
        assertThat(unit.get("Service").get("ExecStart")).contains("-jar").endsWith("--daemon");
        assertThat(unit.get("Service")).containsEntry("KillSignal", "SIGTERM").containsEntry("Type", "simple");
        assertThat(unit.get("Service").get("ReadWritePaths")).contains(FEATURES_D);
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(EXAMPLES.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    /** systemd's unit syntax: {@code [Section]}, {@code Key=Value}, {@code #} comments. */
    private static Map<String, Map<String, String>> unitFile(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), name -> new LinkedHashMap<>());
            } else {
                assertThat(current).as("a key before any section: " + line).isNotNull();
                assertThat(line).as("Key=Value").contains("=");
                current.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return sections;
    }
}
