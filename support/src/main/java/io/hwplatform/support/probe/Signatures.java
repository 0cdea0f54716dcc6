package io.hwplatform.support.probe;

import io.hwplatform.api.hypervisor.HypervisorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A probe's table of signatures (firmware prefixes, CPUID vendor strings) in the order it is written: where two could
 * match the same text, the one written first wins, on every JVM run. ({@code Map.of} iterates in an order that
 * changes from one run to the next, so it must not decide.)
 */
public final class Signatures {

    /** One row. */
    public record Signature(String text, HypervisorType type) {}

    private final List<Signature> rows;

    private Signatures(List<Signature> rows) {
        this.rows = List.copyOf(rows);
    }

    /** @param textsAndTypes {@code "KVM", HypervisorType.KVM, "QEMU", HypervisorType.QEMU, ...} in priority order */
    public static Signatures of(Object... textsAndTypes) {
        if (textsAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException("texts and types come in pairs");
        }
        List<Signature> rows = new ArrayList<>();
        for (int i = 0; i < textsAndTypes.length; i += 2) {
            rows.add(new Signature((String) textsAndTypes[i], (HypervisorType) textsAndTypes[i + 1]));
        }
        return new Signatures(rows);
    }

    /** @return the first row whose text begins the value */
    public Optional<Signature> prefixOf(String value) {
        return rows.stream().filter(row -> value.startsWith(row.text())).findFirst();
    }

    /** @return the first row whose text is the value */
    public Optional<Signature> exactly(String value) {
        return rows.stream().filter(row -> value.equals(row.text())).findFirst();
    }

    public List<Signature> rows() {
        return rows;
    }
}
