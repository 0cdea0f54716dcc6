package io.hwplatform.support.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuidTest {

    /** KVM's leaf 0x40000000 as this machine's kernel returns it. */
    private static final int[] KVM = {0x40000001, 0x4b4d564b, 0x564b4d56, 0x4d};

    @Test
    void signatureIsEbxEcxEdxWithoutTrailingNuls() {
        assertThat(Cpuid.signature(KVM)).isEqualTo("KVMKVMKVM");
        assertThat(Cpuid.isPrintable("KVMKVMKVM")).isTrue();
    }

    @Test
    void zerosAndStrayBytesAreNoSignature() {
        assertThat(Cpuid.isPrintable(Cpuid.signature(new int[4]))).isFalse();
        assertThat(Cpuid.isPrintable(Cpuid.signature(new int[] {0, 0x01020304, 0xfffefdfc, 0}))).isFalse();
    }

    @Test
    void describeShowsRegistersAndSignature() {
        assertThat(Cpuid.describe(KVM))
                .isEqualTo("eax=0x40000001 ebx=0x4b4d564b ecx=0x564b4d56 edx=0x4d \"KVMKVMKVM\"");
        assertThat(Cpuid.describe(new int[4])).isEqualTo("eax=0x0 ebx=0x0 ecx=0x0 edx=0x0");
    }
}
