package io.hwplatform.numa.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The allocator's settings (PID {@code io.hwplatform.numa}). */
@ObjectClassDefinition(name = "hwplatform NUMA allocator",
        description = "How closed buffers are reused and how often the pool looks after what came back by itself.")
public @interface AllocatorConfig {

    @AttributeDefinition(description = "Keep a closed buffer's memory out of reuse until no view of it is reachable, "
            + "so that a view kept past close never sees another buffer's memory. Slower; also turned on by the "
            + "system property " + PoolingAllocator.QUARANTINE_PROPERTY + "=true.")
    boolean quarantine() default false;

    @AttributeDefinition(description = "How often, in milliseconds, dead threads' caches are drained, dropped buffers "
            + "recovered, unreachable chunks unmapped and warnings logged.")
    long maintenance_ms() default 1000;
}
