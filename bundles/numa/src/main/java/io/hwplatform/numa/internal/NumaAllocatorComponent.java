package io.hwplatform.numa.internal;

import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBackend;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaCapabilities;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import java.util.Map;
import java.util.SortedSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The allocator service. Binds the highest-ranked backend and moves to a better one as soon as it appears (greedy);
 * publishes the {@code numa} capability while more than one node has memory.
 */
@Component(immediate = true)
public final class NumaAllocatorComponent implements NumaAllocator {

    private final PoolingAllocator allocator = new PoolingAllocator();
    private final CapabilityRegistry registry;
    private CapabilityRegistration capability;

    @Activate
    public NumaAllocatorComponent(@Reference CapabilityRegistry registry) {
        this.registry = registry;
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindBackend(NumaBackend backend) {
        allocator.use(backend);
        publish();
    }

    void unbindBackend(NumaBackend backend) {
        // A replacement, if any, was bound first; the pool of the leaving backend is already retired.
        if (allocator.backend() == backend) {
            allocator.stop();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        allocator.stop();
        if (capability != null) {
            capability.close();
            capability = null;
        }
    }

    private synchronized void publish() {
        NumaTopology topology = allocator.adoptedTopology(); // read when the backend was adopted, not again
        Map<String, Object> attributes = Map.of(
                NumaCapabilities.NODES, topology.memoryNodes().size(),
                NumaCapabilities.BACKEND, topology.backend(),
                NumaCapabilities.MEMORY_ONLY_NODES, topology.memoryOnlyNodes().size());
        if (!topology.isNuma()) {
            if (capability != null) {
                capability.close();
                capability = null;
            }
        } else if (capability == null) {
            capability = registry.register(NumaCapabilities.NUMA, attributes);
        } else {
            capability.update(attributes);
        }
    }

    @Override
    public NumaBuffer allocate(int size, int preferredNode) {
        return allocator.allocate(size, preferredNode);
    }

    @Override
    public NumaBuffer allocate(int size, int preferredNode, AllocationPolicy policy) {
        return allocator.allocate(size, preferredNode, policy);
    }

    @Override
    public SortedSet<Integer> nodesOf(String device) {
        return allocator.nodesOf(device);
    }

    @Override
    public boolean isNumaAware() {
        return allocator.isNumaAware();
    }

    @Override
    public NumaTopology topology() {
        return allocator.topology();
    }

    @Override
    public PoolStats stats() {
        return allocator.stats();
    }

    @Override
    public long trim() {
        return allocator.trim();
    }
}
