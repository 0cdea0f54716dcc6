package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsOpenTheShell() {
        LaunchOptions options = LaunchOptions.parse();
        assertThat(options.commandLine()).isEmpty();
        assertThat(options.root()).isEmpty();
        assertThat(options.verbose()).isFalse();
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsCommandRootAndFlags() {
        LaunchOptions options = LaunchOptions.parse("--root", "/tmp/capture", "-v", "-c", "hv:info --json");
        assertThat(options.commandLine()).contains("hv:info --json");
        assertThat(options.root()).contains("/tmp/capture");
        assertThat(options.verbose()).isTrue();
        assertThat(LaunchOptions.parse("--help").help()).isTrue();
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> LaunchOptions.parse("--bogus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option: --bogus");
        assertThatThrownBy(() -> LaunchOptions.parse("-c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("-c needs a value");
    }
}
