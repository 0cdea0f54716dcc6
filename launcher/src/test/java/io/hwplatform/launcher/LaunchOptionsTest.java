package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsOpenTheShell() {
        LaunchOptions options = LaunchOptions.parse();
        assertThat(options.commandLine()).isEmpty();
        assertThat(options.root()).isEmpty();
        assertThat(options.verbose()).isFalse();
        assertThat(options.help()).isFalse();
        assertThat(options.http()).as("no port unless asked for").isEmpty();
    }

    @Test
    void httpTakesAPortOrAHostAndAPort() {
        assertThat(LaunchOptions.parse("--http", "9464").http()).contains(new HttpAddress(Optional.empty(), 9464));
        assertThat(LaunchOptions.parse("--daemon", "--http", "127.0.0.1:9464").http())
                .contains(new HttpAddress(Optional.of("127.0.0.1"), 9464));
        assertThat(HttpAddress.parse("[::1]:80").host()).as("IPv6 in brackets, as Jetty takes it").contains("[::1]");
        assertThat(HttpAddress.parse("9464").url()).isEqualTo("http://localhost:9464");
    }

    @Test
    void httpRefusesWhatIsNoPort() {
        assertThatThrownBy(() -> LaunchOptions.parse("--http", "metrics"))
                .hasMessage("--http metrics: the port is no number");
        assertThatThrownBy(() -> LaunchOptions.parse("--http", "0")).hasMessage("--http 0: the port must be 1 to 65535");
        assertThatThrownBy(() -> LaunchOptions.parse("--http", ":80")).hasMessage("--http :80: no host before the ':'");
        assertThatThrownBy(() -> LaunchOptions.parse("--http")).hasMessage("--http needs a value");
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
