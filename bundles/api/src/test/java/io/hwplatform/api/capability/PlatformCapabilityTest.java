package io.hwplatform.api.capability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformCapabilityTest {

    @Test
    void filterSelectsByName() {
        assertThat(PlatformCapability.filter("balloon.virtio")).isEqualTo("(platform.capability=balloon.virtio)");
    }

    @Test
    void filterEscapesLdapSpecialCharacters() {
        assertThat(PlatformCapability.filter("a*(b)\\")).isEqualTo("(platform.capability=a\\*\\(b\\)\\\\)");
    }
}
