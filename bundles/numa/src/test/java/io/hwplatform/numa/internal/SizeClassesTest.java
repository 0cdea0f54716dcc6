package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeClassesTest {

    @Test
    void sizesRoundUpToPowersOfTwoFromOneKilobyte() {
        assertThat(SizeClasses.of(1)).isZero();
        assertThat(SizeClasses.of(1024)).isZero();
        assertThat(SizeClasses.of(1025)).isEqualTo(1);
        assertThat(SizeClasses.bytes(SizeClasses.of(4096))).isEqualTo(4096);
        assertThat(SizeClasses.bytes(SizeClasses.of(65536))).isEqualTo(65536);
        assertThat(SizeClasses.bytes(SizeClasses.of(1 << 20))).isEqualTo(1 << 20);
        assertThat(SizeClasses.of((1 << 20) + 1)).isEqualTo(-1);
    }

    @Test
    void threadCachesHoldAboutAQuarterMegabytePerClass() {
        assertThat(SizeClasses.threadCacheCapacity(SizeClasses.of(4096))).isEqualTo(64);
        assertThat(SizeClasses.threadCacheCapacity(SizeClasses.of(65536))).isEqualTo(4);
        assertThat(SizeClasses.threadCacheCapacity(SizeClasses.of(1 << 20))).isEqualTo(2);
    }

    @Test
    void dedicatedChunksArePageAligned() {
        assertThat(SizeClasses.pageAligned(1)).isEqualTo(4096);
        assertThat(SizeClasses.pageAligned(3 << 20)).isEqualTo(3 << 20);
        assertThat(SizeClasses.pageAligned(Integer.MAX_VALUE)).isPositive();
    }
}
