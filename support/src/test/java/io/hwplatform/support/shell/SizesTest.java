package io.hwplatform.support.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    public void parsesBytesAndBinarySuffixes() {
        assertThat(Sizes.parse("4096")).isEqualTo(4096);
        assertThat(Sizes.parse("64k")).isEqualTo(64 << 10);
        assertThat(Sizes.parse("600m")).isEqualTo(600L << 20);
        assertThat(Sizes.parse("2G")).isEqualTo(2L << 30);
        assertThat(Sizes.parse("64KiB")).isEqualTo(64 << 10);
        assertThat(Sizes.parse("600mb")).isEqualTo(600L << 20);
    }

    @Test
    public void rejectsWhatIsNoSize() {
        for (String bad : new String[] {"", "m", "-1k", "12x", "1.5g", "99999999999t"}) {
            assertThatThrownBy(() -> Sizes.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a size");
        }
    }

    @Test
    public void formatsForPeople() {
        assertThat(Sizes.format(512)).isEqualTo("512 B");
        assertThat(Sizes.format(600L << 20)).isEqualTo("600 MiB");
        assertThat(Sizes.format(3L << 29)).isEqualTo("1.5 GiB");
    }
}
