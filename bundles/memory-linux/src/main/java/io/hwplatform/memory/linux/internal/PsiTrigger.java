package io.hwplatform.memory.linux.internal;

import java.util.Locale;

/**
 * A PSI trigger spec as the kernel takes it: {@code <some|full> <stall µs> <window µs>}, e.g.
 * {@code some 150000 2000000}: 150 ms of partial stall within 2 s. Unprivileged processes (Linux 6.4+) may only use
 * windows that are a multiple of 2 s.
 *
 * @param full whether it counts full stalls (all tasks) rather than some
 * @param stallMicros stall time that fires it
 * @param windowMicros the window it is measured over
 */
record PsiTrigger(boolean full, long stallMicros, long windowMicros) {

    /** The kernel's largest window. */
    static final long MAX_WINDOW_MICROS = 10_000_000;

    PsiTrigger {
        if (windowMicros <= 0 || windowMicros > MAX_WINDOW_MICROS || stallMicros <= 0 || stallMicros > windowMicros) {
            throw new IllegalArgumentException("a PSI trigger needs 0 < stall <= window <= 10 s: "
                    + stallMicros + " / " + windowMicros);
        }
    }

    /** @throws IllegalArgumentException with the expected form, when the text is not a trigger */
    static PsiTrigger parse(String spec) {
        String[] words = spec.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length != 3 || !(words[0].equals("some") || words[0].equals("full"))) {
            throw new IllegalArgumentException("not a PSI trigger: '" + spec + "' (expected e.g. 'some 150000 2000000')");
        }
        try {
            return new PsiTrigger(words[0].equals("full"), Long.parseLong(words[1]), Long.parseLong(words[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a PSI trigger: '" + spec + "' (stall and window in µs)", e);
        }
    }

    /** @return the text written to the PSI file to create the trigger */
    String spec() {
        return (full ? "full " : "some ") + stallMicros + " " + windowMicros;
    }

    /**
     * Whether two cumulative readings, {@code elapsedMicros} apart, stalled as much as this trigger asks for, scaled
     * to its window: the sampling fallback where triggers cannot be created.
     */
    boolean exceededBy(Psi before, Psi after, long elapsedMicros) {
        if (elapsedMicros <= 0) {
            return false;
        }
        long stalled = full ? after.fullTotalMicros() - before.fullTotalMicros()
                : after.someTotalMicros() - before.someTotalMicros();
        return stalled * windowMicros >= stallMicros * elapsedMicros;
    }
}
