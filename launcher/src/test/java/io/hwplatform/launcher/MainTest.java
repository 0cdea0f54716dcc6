package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void aFailureIsToldByItsCauseNotByItsReflectiveWrappers() {
        Exception wrapped = new InvocationTargetException(new InvocationTargetException(
                new IllegalArgumentException("size must be positive: 0")));

        assertThat(Main.describe(wrapped)).isEqualTo("size must be positive: 0");
        assertThat(Main.describe(new InvocationTargetException(new StackOverflowError())))
                .isEqualTo("java.lang.StackOverflowError");
        assertThat(Main.describe(new IllegalStateException(new OutOfMemoryError("Direct buffer memory"))))
                .isEqualTo("java.lang.OutOfMemoryError: Direct buffer memory");
        assertThat(Main.describe(new IllegalStateException("no NUMA backend is available")))
                .isEqualTo("no NUMA backend is available");
    }
}
