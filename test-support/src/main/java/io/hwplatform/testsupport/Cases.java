package io.hwplatform.testsupport;

import java.util.Random;

/**
 * Property tests without a framework: a property is checked on many cases generated from one seed, and a failing case
 * names the seed and its number, so that it can be run again alone. The seed is fixed, so that a run is the same run
 * every time (a test that fails now and then would make CI flake); {@code -Dhwplatform.seed=<n>} explores others.
 */
public final class Cases {

    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 20261201L;

    private Cases() {}

    /** One property, checked on one generated case. */
    @FunctionalInterface
    public interface Check {
        void check(Random random) throws Exception;
    }

    /** @return the seed of this run */
    public static long seed() {
        return Long.getLong("hwplatform.seed", DEFAULT_SEED);
    }

    /**
     * Checks a property on {@code count} cases; the i-th case draws from {@code new Random(seed + i)}.
     *
     * @return the number of cases checked
     * @throws AssertionError for the first case that fails, naming its seed
     */
    public static int check(int count, Check property) {
        long seed = seed();
        for (int i = 0; i < count; i++) {
            long caseSeed = seed + i;
            try {
                property.check(new Random(caseSeed));
            } catch (Exception | AssertionError e) {
                throw new AssertionError("case " + i + " (seed " + caseSeed + ") fails: " + e.getMessage(), e);
            }
        }
        return count;
    }
}
