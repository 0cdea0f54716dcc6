package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLinesTest {

    @Test
    void splitsAtTopLevelSemicolonsAndNewlines() {
        assertThat(CommandLines.split("cache:fill 600m; mem:watch --seconds 40 ;cache:stats --json\nlb"))
                .containsExactly("cache:fill 600m", "mem:watch --seconds 40", "cache:stats --json", "lb");
    }

    @Test
    void keepsSemicolonsInsideQuotesBracketsAndClosures() {
        assertThat(CommandLines.split("echo 'a;b' \"c;d\"; each [1 2] { echo $it; echo x }; echo (lb; lb)"))
                .containsExactly("echo 'a;b' \"c;d\"", "each [1 2] { echo $it; echo x }", "echo (lb; lb)");
    }

    @Test
    void keepsEscapedSemicolonsAndDropsEmptyCommands() {
        assertThat(CommandLines.split(" ; echo a\\;b;; ")).containsExactly("echo a\\;b");
    }

    @Test
    void quotesInsideOtherQuotesDoNotOpenAnything() {
        assertThat(CommandLines.split("echo \"it's\"; echo '(' ")).containsExactly("echo \"it's\"", "echo '('");
    }

    @Test
    void rejectsUnclosedQuotesAndBrackets() {
        assertThatThrownBy(() -> CommandLines.split("echo 'a; b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed '''");
        assertThatThrownBy(() -> CommandLines.split("each [1 2] { echo $it"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> CommandLines.split("echo a)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unbalanced ')'");
    }
}
