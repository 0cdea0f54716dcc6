package io.hwplatform.memory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The governor's settings (PID {@code io.hwplatform.memory}). */
@ObjectClassDefinition(name = "hwplatform memory governor",
        description = "How much to ask reclaimers for, how long to wait for them, how often, and how to return memory "
                + "to the operating system.")
public @interface GovernorConfig {

    @AttributeDefinition(description = "Share of the process's resident memory to ask for at MODERATE pressure, "
            + "when the source does not say how much (0..1).")
    double moderate_fraction() default 0.10;

    @AttributeDefinition(description = "Share of the process's resident memory to ask for at CRITICAL pressure, "
            + "when the source does not say how much (0..1).")
    double critical_fraction() default 0.25;

    @AttributeDefinition(description = "Time budget of one reclaimer call, in milliseconds; a slower reclaimer is "
            + "abandoned and skipped until it returns.")
    long reclaimer_timeout_ms() default 1000;

    @AttributeDefinition(description = "Least time between two reclaims at the same or a lower level, in milliseconds.")
    long cooldown_ms() default 5000;

    @AttributeDefinition(description = "Least time between two reclaims when pressure is CRITICAL, in milliseconds.")
    long critical_cooldown_ms() default 1000;

    @AttributeDefinition(description = "How long pressure must be gone before reclaimers are told they may grow back, "
            + "in milliseconds.")
    long relief_ms() default 10000;

    @AttributeDefinition(description = "Return the NUMA pool's free chunks to the operating system after a reclaim.")
    boolean trim_numa() default true;

    @AttributeDefinition(description = "Return free native heap (malloc arenas) to the operating system after a reclaim.")
    boolean trim_native() default true;

    @AttributeDefinition(description = "When to ask the JVM for a garbage collection that gives heap back: NEVER, "
            + "CRITICAL (default) or ALWAYS. Skipped when -XX:+DisableExplicitGC is set.",
            options = {
                @org.osgi.service.metatype.annotations.Option(value = "NEVER"),
                @org.osgi.service.metatype.annotations.Option(value = "CRITICAL"),
                @org.osgi.service.metatype.annotations.Option(value = "ALWAYS")})
    String jvm_gc() default "CRITICAL";
}
