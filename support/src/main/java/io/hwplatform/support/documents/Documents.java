package io.hwplatform.support.documents;

import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.XenRole;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.ReclaimerResult;
import io.hwplatform.api.numa.AllocationStep;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.support.shell.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON documents of the facts, as maps for {@link Json#write}: what every {@code --json} command prints and what
 * the page's {@code /hwplatform/api/...} endpoints serve, so that shell and HTTP say exactly the same. Pure.
 */
public final class Documents {

    private Documents() {}

    /** {@code hv:info --json}. */
    public static Map<String, Object> hypervisor(HypervisorInfo info) {
        XenRole xen = info.xen();
        Balloon balloon = info.balloon();
        return Json.object(
                "type", info.type().name(),
                "vendor", info.vendor(),
                "product", info.product(),
                "cloud", info.cloud(),
                "xen", xen == null ? null : Json.object("domain", xen.domain().id(), "mode", xen.mode().id()),
                "container", info.container(),
                "balloon", balloon == null ? null : Json.object(
                        "kind", balloon.kind().id(), "bound", balloon.bound(), "device", balloon.device()),
                "decidedBy", info.decidedBy(),
                "root", info.root(),
                "evidence", info.evidence().stream().map(row -> Json.object(
                        "source", row.source(), "observed", row.observed(), "meaning", row.meaning())).toList());
    }

    /** {@code numa:topology --json}. */
    public static Map<String, Object> topology(NumaTopology topology, boolean numaAware) {
        List<Map<String, Object>> nodes = topology.nodes().stream().map(node -> Json.object(
                "id", node.id(),
                "cpus", node.cpus(),
                "memoryBytes", node.memoryTotalBytes(),
                "freeBytes", node.memoryFreeBytes(),
                "memoryOnly", node.isMemoryOnly(),
                "tier", node.memoryTier() < 0 ? null : node.memoryTier(),
                "distances", node.distances().entrySet().stream().collect(Collectors.toMap(
                        entry -> String.valueOf(entry.getKey()), Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new)),
                "devices", node.devices().stream().map(NumaDevice::name).toList(),
                "nearestCpus", topology.nearestCpus(node.id()))).toList();
        return Json.object("backend", topology.backend(), "numaAware", numaAware, "online", topology.online(),
                "possible", topology.possible(), "nodes", nodes, "offlineCpus", topology.offlineCpus(),
                "allowedCpus", topology.allowedCpus(), "allowedNodes", topology.allowedNodes(),
                "warnings", topology.warnings());
    }

    /** {@code numa:devices --json}. */
    public static Map<String, Object> devices(List<NumaDevice> devices) {
        return Json.object("devices", devices.stream().map(device -> Json.object("name", device.name(),
                "kind", device.kind().name().toLowerCase(Locale.ROOT), "nodes", device.nodes())).toList());
    }

    /**
     * {@code numa:alloc --json}: where one buffer landed.
     *
     * @param near the device it was asked near, or null
     */
    public static Map<String, Object> allocation(NumaBuffer buffer, String backend, String near) {
        Map<String, Object> report = Json.object("size", buffer.size(), "requestedNode", buffer.requestedNode(),
                "node", buffer.node(), "verified", buffer.verified(), "step", buffer.step().id(), "backend", backend);
        if (near != null) {
            report.put("near", near);
        }
        return report;
    }

    /** {@code numa:stats --json}. */
    public static Map<String, Object> poolStats(PoolStats stats, boolean numaAware) {
        return Json.object("backend", stats.backend(), "numaAware", numaAware,
                "chunks", stats.chunks(), "chunkBytes", stats.chunkBytes(), "inUseBytes", stats.inUseBytes(),
                "allocations", stats.allocations(), "steps", steps(stats), "failures", stats.failures(),
                "leaked", stats.leaked(), "trimmedBytes", stats.trimmedBytes(),
                "awaitingRelease", stats.awaitingRelease(), "awaitingReleaseBytes", stats.awaitingReleaseBytes(),
                "quarantine", stats.quarantine(), "quarantinedBytes", stats.quarantinedBytes(),
                "nodeChunks", byNode(stats.nodeChunks()), "nodeChunkBytes", byNode(stats.nodeChunkBytes()),
                "nodeInUseBytes", byNode(stats.nodeInUseBytes()));
    }

    /** @return a map by node id, as JSON object keys */
    private static Map<String, Long> byNode(Map<Integer, Long> values) {
        return values.entrySet().stream().collect(Collectors.toMap(entry -> String.valueOf(entry.getKey()),
                Map.Entry::getValue));
    }

    /** @return the allocations per fallback step, every step named (0 when none), in the chain's order */
    public static Map<String, Object> steps(PoolStats stats) {
        Map<String, Object> steps = new LinkedHashMap<>();
        for (AllocationStep step : AllocationStep.values()) {
            steps.put(step.id(), stats.steps().getOrDefault(step, 0L));
        }
        return steps;
    }

    /** {@code mem:status --json}. */
    public static Map<String, Object> memoryStatus(MemoryStatus status) {
        return Json.object(
                "level", status.level().id(),
                "sources", status.sources().stream().map(Documents::pressure).toList(),
                "balloon", Json.object("kind", status.balloonKind() == null ? null : status.balloonKind().id(),
                        "bound", status.balloonBound(), "bytes", known(status.balloonBytes()),
                        "targetBytes", known(status.balloonTargetBytes())),
                "residentBytes", known(status.residentBytes()),
                "lastReclaim", status.lastReclaim() == null ? null : reclaim(status.lastReclaim()),
                "reclaimers", status.reclaimers().stream().map(Documents::reclaimer).toList());
    }

    /** {@code mem:sources --json}. */
    public static Map<String, Object> sources(List<MemoryGovernor.SourceInfo> sources) {
        return Map.of("sources", sources.stream().map(source -> Json.object("name", source.name(),
                "available", source.available(), "description", source.description(),
                "level", source.current().level().id(), "detail", source.current().detail())).toList());
    }

    /** {@code mem:reclaimers --json}. */
    public static Map<String, Object> reclaimers(List<ReclaimerResult> reclaimers) {
        return Map.of("reclaimers", reclaimers.stream().map(Documents::reclaimer).toList());
    }

    /** {@code mem:reclaim --json}, and each reclaim in the other documents. */
    public static Map<String, Object> reclaim(ReclaimReport report) {
        return Json.object("time", report.time().toString(), "level", report.level().id(), "trigger", report.trigger(),
                "bytesWanted", report.bytesWanted(), "bytesReleased", report.bytesReleased(),
                "returnedBytes", report.returnedBytes(), "residentBefore", known(report.residentBefore()),
                "residentAfter", known(report.residentAfter()), "millis", report.millis(),
                "reclaimers", report.results().stream().map(Documents::reclaimer).toList());
    }

    /** {@code platform:capabilities --json}. */
    public static Map<String, Object> capabilities(List<PlatformCapability> capabilities) {
        return Map.of("capabilities", capabilities.stream().map(capability -> Json.object(
                "name", capability.name(),
                "attributes", capability.attributes(),
                "bundle", capability.bundle() == null ? null : capability.bundle().getSymbolicName())).toList());
    }

    private static Map<String, Object> pressure(MemoryPressure pressure) {
        return Json.object("source", pressure.source(), "level", pressure.level().id(),
                "bytesWanted", pressure.bytesWanted(), "detail", pressure.detail(), "time", pressure.time().toString());
    }

    private static Map<String, Object> reclaimer(ReclaimerResult result) {
        return Json.object("name", result.name(), "ranking", result.ranking(), "releasedBytes", result.releasedBytes(),
                "millis", result.millis(), "outcome", result.outcome());
    }

    private static Long known(long bytes) {
        return bytes < 0 ? null : bytes;
    }
}
