package io.hwplatform.export.nfd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureFileTest {

    @Test
    void labelsFirstThenRuleOnlyFeaturesUnderOneExpiry() {
        String text = FeatureFile.render("hwplatform.io", List.of(new Feature("device.nvme0n1.nodes", "1", false),
                new Feature("hypervisor", "kvm", true), new Feature("numa.nodes", "2", true)),
                Instant.parse("2026-12-01T12:00:00.250Z"));

        assertThat(text.lines().toList()).containsExactly(
                "# hwplatform: written by the export-nfd bundle; rewritten on change",
                "# +expiry-time=2026-12-01T12:00:00Z",
                "hwplatform.io/hypervisor=kvm",
                "hwplatform.io/numa.nodes=2",
                "# +no-label",
                "hwplatform.io/device.nvme0n1.nodes=1");
    }

    @Test
    void withoutExpiryNoExpiryLineAndInvalidFeaturesAreLeftOut() {
        String text = FeatureFile.render("hwplatform.io", List.of(new Feature("bad name", "x", true),
                new Feature("tiers", "4,22", true), new Feature("ok", "", true)), null);

        assertThat(text).doesNotContain("expiry").doesNotContain("bad name").doesNotContain("4,22")
                .contains("hwplatform.io/ok=\n");
    }

    @Test
    void theFileStaysUnderNfdsSizeLimitDroppingDeviceFeaturesLast() {
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            features.add(new Feature("device.disk" + i + ".nodes", "0_1", false));
        }
        features.add(new Feature("hypervisor", "kvm", true));

        String text = FeatureFile.render("hwplatform.io", features, Instant.EPOCH);

        assertThat(FeatureFile.bytes(text).length).isLessThanOrEqualTo(FeatureFile.MAX_BYTES);
        assertThat(text).contains("hwplatform.io/hypervisor=kvm").contains("device.disk0.nodes")
                .doesNotContain("device.disk4999.nodes");
    }
}
