package io.hwplatform.example.cache;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The example cache's settings (PID {@code io.hwplatform.example.cache}). */
@ObjectClassDefinition(name = "hwplatform example cache")
public @interface CacheConfig {

    @AttributeDefinition(description = "The NUMA node the cache's memory is bound to.")
    int node() default 0;

    @AttributeDefinition(description = "The most the cache may hold, in bytes, when there is no memory pressure.")
    long capacity() default 8L << 30;

    @AttributeDefinition(description = "Size of one entry, in bytes.")
    int entry_bytes() default 1 << 20;
}
