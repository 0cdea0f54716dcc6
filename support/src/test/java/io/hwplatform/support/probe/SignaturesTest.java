package io.hwplatform.support.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hwplatform.api.hypervisor.HypervisorType;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private final Signatures table = Signatures.of("Micro", HypervisorType.QEMU, "Microsoft", HypervisorType.HYPERV,
            "KVMKVMKVM", HypervisorType.KVM);

    @Test
    void theRowWrittenFirstWinsWhereTwoMatch() {
        assertThat(table.prefixOf("Microsoft Corporation")).map(Signatures.Signature::type)
                .hasValue(HypervisorType.QEMU);
        assertThat(Signatures.of("Microsoft", HypervisorType.HYPERV, "Micro", HypervisorType.QEMU)
                .prefixOf("Microsoft Corporation")).map(Signatures.Signature::type).hasValue(HypervisorType.HYPERV);
    }

    @Test
    void exactMatchesAndMisses() {
        assertThat(table.exactly("KVMKVMKVM")).map(Signatures.Signature::type).hasValue(HypervisorType.KVM);
        assertThat(table.exactly("KVMKVM")).isEmpty();
        assertThat(table.prefixOf("Dell Inc.")).isEmpty();
        assertThat(table.rows()).extracting(Signatures.Signature::text).containsExactly("Micro", "Microsoft",
                "KVMKVMKVM");
    }

    @Test
    void pairsOnly() {
        assertThatThrownBy(() -> Signatures.of("KVM")).isInstanceOf(IllegalArgumentException.class);
    }
}
