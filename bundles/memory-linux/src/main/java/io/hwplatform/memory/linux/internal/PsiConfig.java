package io.hwplatform.memory.linux.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PSI thresholds (PID {@code io.hwplatform.memory.psi}): what counts as MODERATE and CRITICAL pressure. */
@ObjectClassDefinition(name = "hwplatform PSI pressure",
        description = "PSI triggers as the kernel takes them: <some|full> <stall µs> <window µs>. Unprivileged "
                + "triggers (Linux 6.4+) need a window that is a multiple of 2 s.")
public @interface PsiConfig {

    @AttributeDefinition(description = "Trigger for MODERATE pressure: 150 ms of partial stall in 2 s by default.")
    String moderate_trigger() default "some 150000 2000000";

    @AttributeDefinition(description = "Trigger for CRITICAL pressure: 100 ms of full stall in 2 s by default.")
    String critical_trigger() default "full 100000 2000000";

    @AttributeDefinition(description = "Sampling period where triggers are refused, in milliseconds.")
    long sample_ms() default 1000;
}
