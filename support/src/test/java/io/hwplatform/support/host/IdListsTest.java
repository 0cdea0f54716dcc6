package io.hwplatform.support.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IdListsTest {

    @Test
    void idsAreWrittenAsTheKernelWritesItsLists() {
        assertThat(IdLists.format(new TreeSet<>(List.of(0, 1, 2, 3, 8, 10, 11)))).isEqualTo("0-3,8,10-11");
        assertThat(IdLists.format(new TreeSet<>(List.of(5)))).isEqualTo("5");
        assertThat(IdLists.format(new TreeSet<>())).isEmpty();
    }
}
