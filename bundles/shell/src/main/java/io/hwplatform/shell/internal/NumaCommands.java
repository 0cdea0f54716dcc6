package io.hwplatform.shell.internal;

import io.hwplatform.api.numa.AllocationPolicy;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.documents.TopologySvg;
import io.hwplatform.support.shell.Json;
import io.hwplatform.support.shell.Sizes;
import io.hwplatform.support.shell.TextTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code numa:} commands: the machine's nodes, device locality, a test allocation, the pool's counters. */
@Component(service = NumaCommands.class, property = {
    "osgi.command.scope=numa",
    "osgi.command.function=topology",
    "osgi.command.function=devices",
    "osgi.command.function=alloc",
    "osgi.command.function=stats"
})
public final class NumaCommands {

    private static final String NEAR = "a block device, NIC or PCI address whose node serves the buffer";

    private final NumaAllocator allocator;

    @Activate
    public NumaCommands(@Reference NumaAllocator allocator) {
        this.allocator = allocator;
    }

    @Descriptor("shows the NUMA nodes: CPUs, memory, tiers, distances (like numactl --hardware)")
    public String topology(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("also draw the machine into this SVG file (the page's picture)")
            @Parameter(names = "--svg", absentValue = "") String svg) throws IOException {
        NumaTopology topology = allocator.topology();
        if (!svg.isEmpty()) {
            Path file = Path.of(svg).toAbsolutePath();
            Files.writeString(file, TopologySvg.render(topology));
            if (!json) {
                return "drew " + topology.nodes().size() + (topology.nodes().size() == 1 ? " node" : " nodes")
                        + " into " + file;
            }
        }
        return json ? Json.write(Documents.topology(topology, allocator.isNumaAware()))
                : topologyText(topology, allocator.isNumaAware());
    }

    @Descriptor("shows which node each PCI function, NIC and disk hangs on")
    public String devices(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        List<NumaDevice> devices = allocator.topology().devices();
        if (json) {
            return Json.write(Documents.devices(devices));
        }
        TextTable table = new TextTable("DEVICE", "KIND", "NODES");
        devices.forEach(device -> table.row(device.name(), lower(device.kind()),
                device.nodes().isEmpty() ? "unknown" : join(device.nodes(), ",")));
        return table.toString();
    }

    @Descriptor("allocates a buffer on a node, verifies where the kernel put it, reports and frees it")
    public String alloc(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("fail instead of falling back to another node")
            @Parameter(names = "--strict", presentValue = "true", absentValue = "false") boolean strict,
            @Descriptor(NEAR)
            @Parameter(names = "--near", absentValue = "") String near,
            @Descriptor("size: bytes or 4k, 64m, 1g") String size,
            @Descriptor("preferred node") int node) {
        if (!near.isEmpty()) {
            throw new IllegalArgumentException("give a node or --near <device>, not both");
        }
        int bytes = allocationSize(size);
        try (NumaBuffer buffer = allocator.allocate(bytes, node, policy(strict))) {
            return allocReport(json, buffer, null);
        }
    }

    @Descriptor("allocates a buffer near a device (--near nvme0n1), else on node 0; see alloc <size> <node>")
    public String alloc(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("fail instead of falling back to another node")
            @Parameter(names = "--strict", presentValue = "true", absentValue = "false") boolean strict,
            @Descriptor(NEAR)
            @Parameter(names = "--near", absentValue = "") String near,
            @Descriptor("size: bytes or 4k, 64m, 1g") String size) {
        if (near.isEmpty()) {
            return alloc(json, strict, near, size, 0);
        }
        int bytes = allocationSize(size);
        try (NumaBuffer buffer = allocator.allocateNear(near, bytes, policy(strict))) {
            return allocReport(json, buffer, near);
        }
    }

    private static int allocationSize(String size) {
        long bytes = Sizes.parse(size);
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size must be between 1 byte and 2 GiB: " + size);
        }
        return (int) bytes;
    }

    private static AllocationPolicy policy(boolean strict) {
        return strict ? AllocationPolicy.STRICT : AllocationPolicy.FALLBACK;
    }

    private String allocReport(boolean json, NumaBuffer buffer, String device) {
        if (json) {
            return Json.write(Documents.allocation(buffer, allocator.stats().backend(), device));
        }
        return (device == null ? "" : "near " + device + ": ") + allocText(buffer);
    }

    @Descriptor("shows the pool: chunks, bytes in use, allocations per fallback step, leaks, trims, quarantine")
    public String stats(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        PoolStats stats = allocator.stats();
        if (json) {
            return Json.write(Documents.poolStats(stats, allocator.isNumaAware()));
        }
        Map<String, Object> steps = Documents.steps(stats);
        return TextTable.keyValue()
                .row("backend", stats.backend() + (allocator.isNumaAware() ? " (NUMA-aware)" : " (not NUMA-aware)"))
                .row("chunks", stats.chunks() + " (" + Sizes.format(stats.chunkBytes()) + ")")
                .row("in use", Sizes.format(stats.inUseBytes()))
                .row("allocations", stats.allocations() + " " + steps)
                .row("failures", stats.failures())
                .row("leaked", stats.leaked())
                .row("trimmed", Sizes.format(stats.trimmedBytes()))
                .row("awaiting release", stats.awaitingRelease() + " chunks (" + Sizes.format(stats.awaitingReleaseBytes())
                        + ", pages returned; unmapped once no view is reachable)")
                .row("quarantine", stats.quarantine() ? "on, " + Sizes.format(stats.quarantinedBytes()) + " held"
                        : "off")
                .toString();
    }

    static String topologyText(NumaTopology topology, boolean numaAware) {
        StringBuilder out = new StringBuilder();
        out.append("backend: ").append(topology.backend()).append(numaAware ? " (NUMA-aware)" : " (not NUMA-aware)")
                .append('\n');
        out.append("available: ").append(topology.nodes().size()).append(" nodes (").append(join(topology.online(), ","))
                .append("), possible ").append(join(topology.possible(), ",")).append('\n');
        for (NumaNode node : topology.nodes()) {
            String prefix = "node " + node.id() + " ";
            out.append(prefix).append("cpus: ").append(join(node.cpus(), " ")).append('\n');
            out.append(prefix).append("size: ").append(node.memoryTotalBytes() >> 20).append(" MB\n");
            out.append(prefix).append("free: ").append(node.memoryFreeBytes() >> 20).append(" MB\n");
            if (node.memoryTier() >= 0) {
                out.append(prefix).append("tier: ").append(node.memoryTier()).append('\n');
            }
        }
        out.append("node distances:\n").append(String.format("%4s", "node"));
        topology.nodes().forEach(node -> out.append(String.format("%4d", node.id())));
        out.append('\n');
        for (NumaNode from : topology.nodes()) {
            out.append(String.format("%3d:", from.id()));
            topology.nodes().forEach(to -> out.append(String.format("%4s", distance(from, to.id()))));
            out.append('\n');
        }
        List<NumaNode> memoryOnly = topology.memoryOnlyNodes();
        if (!memoryOnly.isEmpty()) {
            out.append("memory-only nodes: ").append(join(memoryOnly.stream().map(NumaNode::id).toList(), " "))
                    .append('\n');
            memoryOnly.forEach(node -> out.append("node ").append(node.id()).append(" nearest cpus: ")
                    .append(join(topology.nearestCpus(node.id()), " ")).append('\n'));
        }
        if (!topology.offlineCpus().isEmpty()) {
            out.append("offline cpus: ").append(join(topology.offlineCpus(), " ")).append('\n');
        }
        if (!topology.allowedCpus().isEmpty()) {
            out.append("this process may run on cpus: ").append(join(topology.allowedCpus(), " ")).append('\n');
        }
        if (!topology.allowedNodes().isEmpty()) {
            out.append("this process may bind memory to nodes: ").append(join(topology.allowedNodes(), " "))
                    .append('\n');
        }
        topology.warnings().forEach(warning -> out.append("warning: ").append(warning).append('\n'));
        return out.toString();
    }

    private static String allocText(NumaBuffer buffer) {
        return Sizes.format(buffer.size()) + " asked on node " + buffer.requestedNode() + ": "
                + (buffer.node() < 0 ? "placement unknown" : "placed on node " + buffer.node())
                + (buffer.verified() ? " (verified by the kernel)" : " (not verified)")
                + ", served by the " + buffer.step().id() + " step\n";
    }

    private static String distance(NumaNode from, int to) {
        int distance = from.distanceTo(to);
        return distance < 0 ? "-" : String.valueOf(distance);
    }

    private static String join(java.util.Collection<Integer> ids, String separator) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(separator));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
