package io.hwplatform.numa.linux.internal;

import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.api.numa.spi.NumaBindException;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Linux: topology and devices from sysfs through {@code hwplatform.root}; memory by mmap + mbind. Binding decisions
 * always use the live kernel's nodes, so a captured tree as root never makes us bind to nodes this kernel lacks.
 */
@Component(property = "service.ranking:Integer=100")
public final class LinuxNumaBackend implements NumaBackend {

    private final TopologyReader topology;
    private final HostFiles live;
    private final ChunkMaker chunks;
    private final LinuxKernel kernel;

    /** @throws UnsupportedOperationException on an architecture without known system call numbers */
    @Activate
    public LinuxNumaBackend(BundleContext context) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)));
    }

    /** A backend reading the topology below {@code root}; public for the allocator's tests on the live kernel. */
    public LinuxNumaBackend(HostRoot root) {
        this(new HostFiles(root), JnaLinuxKernel.load());
    }

    LinuxNumaBackend(HostFiles host, LinuxKernel kernel) {
        this.live = new HostFiles(HostRoot.live());
        this.topology = new TopologyReader(host);
        this.chunks = new ChunkMaker(kernel, this::liveFreeBytes);
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public NumaTopology topology() {
        return topology.read();
    }

    /** The live kernel's memory nodes ({@code has_memory}) that this process may use ({@code Mems_allowed_list}). */
    @Override
    public SortedSet<Integer> bindableNodes() {
        SortedSet<Integer> nodes = live.text(TopologyReader.NODES + "/has_memory").map(Sysfs::list)
                .orElse(new TreeSet<>());
        live.text("/proc/self/status").flatMap(status -> Sysfs.statusField(status, "Mems_allowed_list"))
                .map(Sysfs::list).filter(allowed -> !allowed.isEmpty()).ifPresent(nodes::retainAll);
        return nodes;
    }

    @Override
    public NativeChunk allocate(int bytes, int node) throws NumaBindException {
        return chunks.make(bytes, node);
    }

    @Override
    public void discard(NativeChunk chunk) {
        chunks.discard((LinuxChunk) chunk);
    }

    @Override
    public void release(NativeChunk chunk) {
        chunks.release((LinuxChunk) chunk);
    }

    /** The live kernel's answer even with a captured tree as root: the thread runs here, not in the tree. */
    @Override
    public int currentNode() {
        return Math.max(kernel.currentNode(), -1);
    }

    @Override
    public SortedSet<Integer> nodesOf(String device) {
        return topology.nodesOf(device);
    }

    private long liveFreeBytes(int node) {
        Map<String, Long> meminfo = live.text(TopologyReader.NODES + "/node" + node + "/meminfo")
                .map(Sysfs::meminfo).orElse(Map.of());
        return meminfo.getOrDefault("MemFree", -1L);
    }
}
