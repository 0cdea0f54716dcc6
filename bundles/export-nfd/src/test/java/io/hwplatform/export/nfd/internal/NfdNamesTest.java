package io.hwplatform.export.nfd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NfdNamesTest {

    @Test
    void namesAndValuesAtTheLimits() {
        assertThat(NfdNames.validName("a".repeat(63))).isTrue();
        assertThat(NfdNames.validName("a".repeat(64))).isFalse();
        assertThat(NfdNames.validName("numa.memory-only-nodes")).isTrue();
        assertThat(NfdNames.validName("-numa")).isFalse();
        assertThat(NfdNames.validName("numa.")).isFalse();
        assertThat(NfdNames.validName("")).isFalse();
        assertThat(NfdNames.validValue("")).isTrue();
        assertThat(NfdNames.validValue("x".repeat(63))).isTrue();
        assertThat(NfdNames.validValue("x".repeat(64))).isFalse();
        assertThat(NfdNames.validValue("4,22")).as("no commas").isFalse();
        assertThat(NfdNames.validValue("a b")).isFalse();
    }

    @Test
    void anyTextIsMadeValid() {
        assertThat(NfdNames.sanitise("0000:3b:00.0", 63)).isEqualTo("0000_3b_00.0");
        assertThat(NfdNames.sanitise("cpuid 0x40000000 = KVMKVMKVM, \"x\"", 63)).isEqualTo("cpuid_0x40000000_KVMKVMKVM_x");
        assertThat(NfdNames.sanitise("--édition--", 63)).isEqualTo("dition");
        assertThat(NfdNames.sanitise("y".repeat(100) + "-", 63)).hasSize(63);
        assertThat(NfdNames.sanitise(" , ", 63)).isEmpty();
        for (String text : new String[] {"a.b_c", "x-" + "z".repeat(80), "1/2/3", "::"}) {
            String value = NfdNames.sanitise(text, 63);
            assertThat(NfdNames.validValue(value)).as(value).isTrue();
        }
    }

    @Test
    void prefixesMustBeDnsSubdomainsOutsideKubernetes() {
        assertThat(NfdNames.checkPrefix("Hwplatform.IO")).isEqualTo("hwplatform.io");
        assertThat(NfdNames.checkPrefix("example.com")).isEqualTo("example.com");
        for (String denied : new String[] {"kubernetes.io", "node.kubernetes.io", "k8s.io", "x.k8s.io"}) {
            assertThatThrownBy(() -> NfdNames.checkPrefix(denied)).hasMessageContaining("reserved");
        }
        for (String bad : new String[] {"", "bad_prefix", "-a.com", "a..com", "example.com.", "a".repeat(64) + ".com",
            ("abc." ).repeat(64) + "com"}) {
            assertThatThrownBy(() -> NfdNames.checkPrefix(bad)).as(bad).hasMessageContaining("DNS subdomain");
        }
    }
}
