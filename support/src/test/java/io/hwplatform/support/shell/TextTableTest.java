package io.hwplatform.support.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    public void alignsColumnsToTheWidestCellWithoutTrailingBlanks() {
        String table = new TextTable("NAME", "NODES", "BUNDLE")
                .row("numa", 4, "io.hwplatform.numa")
                .row("hypervisor.kvm", null, "x")
                .toString();

        assertThat(table).isEqualTo(""
                + "NAME            NODES  BUNDLE\n"
                + "numa            4      io.hwplatform.numa\n"
                + "hypervisor.kvm  -      x\n");
    }

    @Test
    public void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 cells");
    }
}
