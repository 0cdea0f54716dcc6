package io.hwplatform.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RingTest {

    @Test
    void keepsTheLastItemsOldestFirst() {
        Ring<Integer> ring = new Ring<>(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(i);
        }
        assertThat(ring.items()).containsExactly(3, 4, 5);
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new Ring<>(0)).hasMessageContaining("capacity must be positive");
    }
}
