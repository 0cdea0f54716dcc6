package io.hwplatform.itests.consumer;

import io.hwplatform.api.capability.PlatformCapability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What capabilities are for: a component that exists only on a NUMA machine. DS activates it when a {@code numa}
 * capability is registered and deactivates it when that capability goes; the component never polls.
 */
@Component(service = NumaAwareWorker.class)
public final class NumaAwareWorker {

    private final int nodes;

    @Activate
    public NumaAwareWorker(@Reference(target = "(platform.capability=numa)") PlatformCapability numa) {
        this.nodes = ((Number) numa.attributes().getOrDefault("numa.nodes", 0)).intValue();
    }

    /** @return the node count the capability announced when this component was activated */
    public int nodes() {
        return nodes;
    }
}
