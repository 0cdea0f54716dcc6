package io.hwplatform.numa.internal;

import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaCapabilities;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.support.threads.Daemons;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The allocator service. Binds the highest-ranked backend and moves to a better one as soon as it appears (greedy);
 * publishes the {@code numa} capability while more than one node has memory; looks after the pool on a thread of its
 * own, which is also the only one that logs.
 */
@Component(immediate = true, configurationPid = "io.hwplatform.numa")
@Designate(ocd = AllocatorConfig.class)
public final class NumaAllocatorComponent implements NumaAllocator {

    private static final System.Logger LOG = System.getLogger(NumaAllocatorComponent.class.getName());

    private final PoolingAllocator allocator;
    private final CapabilityRegistry registry;
    private final ScheduledExecutorService maintenance;
    private CapabilityRegistration capability;
    /** Deactivated: maintenance ends once nothing is left to take back. */
    private volatile boolean stopping;

    @Activate
    public NumaAllocatorComponent(@Reference CapabilityRegistry registry, BundleContext context,
            AllocatorConfig config) {
        this.registry = registry;
        this.allocator = new PoolingAllocator(quarantine(context, config));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(NumaAllocatorComponent::maintenanceThread);
        long period = Math.max(10, config.maintenance_ms());
        maintenance.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(BundleContext context, AllocatorConfig config) {
        allocator.quarantine(quarantine(context, config));
    }

    private static boolean quarantine(BundleContext context, AllocatorConfig config) {
        return config.quarantine() || Boolean.parseBoolean(context.getProperty(PoolingAllocator.QUARANTINE_PROPERTY));
    }

    /** Its own daemon thread: not the activating thread's, perhaps a Gogo session's, whose output is redirected. */
    private static Thread maintenanceThread(Runnable task) {
        return Daemons.thread("hwplatform-numa-maintenance", task);
    }

    private void maintain() {
        try {
            allocator.maintain().forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
            if (stopping && allocator.holdsNothing()) {
                maintenance.shutdown();
            }
        } catch (RuntimeException | Error e) { // never let one failure end the maintenance
            LOG.log(System.Logger.Level.ERROR, "NUMA pool maintenance failed; trying again next time", e);
        }
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

    /**
     * The service goes, the buffers it handed out may not: maintenance goes on until the last of them is back and no
     * view of their chunks is left (their memory is released then, on the portable backend freed), then it ends.
     */
    @Deactivate
    synchronized void deactivate() {
        stopping = true;
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
    public NumaBuffer allocateNear(String device, int size) {
        return allocator.allocateNear(device, size);
    }

    @Override
    public NumaBuffer allocateNear(String device, int size, AllocationPolicy policy) {
        return allocator.allocateNear(device, size, policy);
    }

    @Override
    public int nodeFor(String device) {
        return allocator.nodeFor(device);
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
    public Optional<String> bindingUnavailable() {
        return allocator.bindingUnavailable();
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
