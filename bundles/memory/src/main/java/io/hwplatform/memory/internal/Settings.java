package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.PressureLevel;
import java.util.Locale;

/**
 * The governor's settings as plain values, checked. Built from the Config Admin configuration, or defaults in tests.
 */
record Settings(double moderateFraction, double criticalFraction, long reclaimerTimeoutMillis, long cooldownMillis,
        long criticalCooldownMillis, long reliefMillis, boolean trimNuma, boolean trimNative, JvmGc jvmGc) {

    /** When to ask the JVM for a collection that gives heap back. */
    enum JvmGc { NEVER, CRITICAL, ALWAYS }

    static final Settings DEFAULTS = new Settings(0.10, 0.25, 1000, 5000, 1000, 10000, true, true, JvmGc.CRITICAL);

    Settings {
        checkFraction("moderate.fraction", moderateFraction);
        checkFraction("critical.fraction", criticalFraction);
        checkPositive("reclaimer.timeout.ms", reclaimerTimeoutMillis);
        checkPositive("relief.ms", reliefMillis);
        if (cooldownMillis < 0 || criticalCooldownMillis < 0) {
            throw new IllegalArgumentException("cooldowns must not be negative");
        }
    }

    static Settings of(GovernorConfig config) {
        JvmGc gc;
        try {
            gc = JvmGc.valueOf(config.jvm_gc().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jvm.gc must be NEVER, CRITICAL or ALWAYS: " + config.jvm_gc(), e);
        }
        return new Settings(config.moderate_fraction(), config.critical_fraction(), config.reclaimer_timeout_ms(),
                config.cooldown_ms(), config.critical_cooldown_ms(), config.relief_ms(), config.trim_numa(),
                config.trim_native(), gc);
    }

    /** @return these settings asking for no collection ever (a warm-up reclaim) */
    Settings withoutCollection() {
        return new Settings(moderateFraction, criticalFraction, reclaimerTimeoutMillis, cooldownMillis,
                criticalCooldownMillis, reliefMillis, trimNuma, trimNative, JvmGc.NEVER);
    }

    double fraction(PressureLevel level) {
        return level == PressureLevel.CRITICAL ? criticalFraction : moderateFraction;
    }

    long cooldown(PressureLevel level) {
        return level == PressureLevel.CRITICAL ? criticalCooldownMillis : cooldownMillis;
    }

    boolean collectGarbage(PressureLevel level) {
        return jvmGc == JvmGc.ALWAYS || (jvmGc == JvmGc.CRITICAL && level == PressureLevel.CRITICAL);
    }

    private static void checkFraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1]: " + value);
        }
    }

    private static void checkPositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
