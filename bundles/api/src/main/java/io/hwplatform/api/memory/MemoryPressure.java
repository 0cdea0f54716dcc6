package io.hwplatform.api.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * What one source says about memory pressure at one moment.
 *
 * @param level how urgent
 * @param source the source's name, e.g. {@code psi}, {@code balloon}, {@code cgroup}
 * @param bytesWanted bytes the source knows should be released (e.g. how far the balloon grew), or 0 when it cannot
 *     tell; the governor then decides
 * @param time when the source saw it
 * @param detail what the source read, for people, e.g. {@code some avg10=9.12 total=+180ms/2s}
 */
public record MemoryPressure(PressureLevel level, String source, long bytesWanted, Instant time, String detail) {

    /** @throws NullPointerException when a component is null; @throws IllegalArgumentException when bytes < 0 */
    public MemoryPressure {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
        if (bytesWanted < 0) {
            throw new IllegalArgumentException("bytesWanted must not be negative: " + bytesWanted);
        }
    }

    /** @return no pressure from that source, now */
    public static MemoryPressure none(String source, String detail) {
        return new MemoryPressure(PressureLevel.NONE, source, 0, Instant.now(), detail);
    }
}
