package io.hwplatform.export.nfd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.testsupport.Await;
import io.hwplatform.testsupport.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NfdExportComponentTest {

    @TempDir
    Path features;

    @Test
    void theFileIsWrittenAtOnceAndAgainAfterACapabilityChange() throws Exception {
        FakeRegistry registry = FactsTest.kvmOnAws();
        NfdExportComponent exporter = new NfdExportComponent(registry, config(features, "hwplatform.io", 3600),
                Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));
        try {
            Path file = features.resolve("hwplatform");
            Await.until(() -> Files.exists(file), 20_000, "the file rewritten");
            assertThat(Files.readString(file)).contains("# +expiry-time=2026-12-01T13:00:00Z\n")
                    .contains("hwplatform.io/hypervisor=kvm\n").doesNotContain("container");
            assertThat(features.resolve(".hwplatform")).as("written beside, then renamed").doesNotExist();

            registry.publish("hypervisor", Map.of("hypervisor.type", "kvm", "hypervisor.container", "docker"));

            Await.until(() -> read(file).contains("hwplatform.io/container=docker"), 20_000, "the file rewritten");
        } finally {
            exporter.deactivate();
        }
        assertThat(features.resolve("hwplatform")).as("facts no longer kept: gone").doesNotExist();
    }

    @Test
    void theFileIsRefreshedBeforeItExpires() throws Exception {
        Instant[] now = {Instant.parse("2026-12-01T12:00:00Z")};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        NfdExportComponent exporter = new NfdExportComponent(FactsTest.kvmOnAws(), config(features, "hwplatform.io",
                2), moving);
        try {
            Path file = features.resolve("hwplatform");
            Await.until(() -> read(file).contains("2026-12-01T12:00:02Z"), 20_000, "the file rewritten");
            now[0] = now[0].plusSeconds(60);
            Await.until(() -> read(file).contains("2026-12-01T12:01:02Z"), 20_000, "the file rewritten"); // the refresh at half the expiry
        } finally {
            exporter.deactivate();
        }
    }

    @Test
    void withoutTheDirectoryNothingIsWrittenAndNothingFails() throws Exception {
        Path missing = features.resolve("no-nfd-here");
        NfdExportComponent exporter = new NfdExportComponent(FactsTest.kvmOnAws(), config(missing, "hwplatform.io",
                0), Clock.systemUTC());
        exporter.rewrite();
        exporter.deactivate();

        assertThat(missing).doesNotExist();
        assertThat(exporter.render()).doesNotContain("expiry").contains("hwplatform.io/hypervisor=kvm");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException racingTheRename) {
            return "";
        }
    }

    static NfdExportComponent.Config config(Path directory, String prefix, long expirySeconds) {
        return Configs.of(NfdExportComponent.Config.class, Map.of("directory", directory.toString(), "prefix", prefix,
                "expirySeconds", expirySeconds, "labels", new String[] {"hypervisor", "cloud", "container",
                    "balloon.kind"}));
    }
}
