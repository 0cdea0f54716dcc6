package io.hwplatform.api.memory;

import java.util.Locale;

/** How urgently memory is wanted, in the vocabulary of Chromium and GLib. */
public enum PressureLevel {
    /** No pressure: caches may grow back. */
    NONE,
    /** Memory is getting short: release what is cheap to rebuild. */
    MODERATE,
    /** The guest is stalling or about to lose memory: release all you can. */
    CRITICAL;

    /** @return the lower-case name used in JSON and event properties */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
