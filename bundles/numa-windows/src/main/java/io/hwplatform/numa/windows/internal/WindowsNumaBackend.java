package io.hwplatform.numa.windows.internal;

import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Windows: nodes and their processors from the processor-relationship API, memory per node, and memory from
 * {@code VirtualAllocExNuma}, verified with {@code QueryWorkingSetEx}.
 *
 * <p>Windows differs from Linux in two ways the topology shows: it tells only the <em>available</em> memory of a node
 * (reported as both total and free), and it exposes no node distances (reported as 10 to itself and 20 to every other
 * node, Linux's default for "remote"). Its allocation is a preference, not a binding: the memory manager falls back
 * to the next-closest node by itself, which verification then shows.
 */
@Component(property = "service.ranking:Integer=100")
public final class WindowsNumaBackend implements NumaBackend {

    static final int PAGE = 4096;
    /** The distance Linux assumes for a remote node when firmware gives none. */
    static final int REMOTE_DISTANCE = 20;

    private final WindowsNuma windows;

    @Activate
    public WindowsNumaBackend() {
        this(new JnaWindowsNuma());
    }

    WindowsNumaBackend(WindowsNuma windows) {
        this.windows = windows;
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public NumaTopology topology() {
        Map<Integer, List<WindowsNuma.GroupMask>> processors = windows.nodeProcessors();
        SortedSet<Integer> ids = new TreeSet<>(processors.keySet());
        List<NumaNode> nodes = new ArrayList<>();
        for (int id : ids) {
            long available = Math.max(0, windows.availableMemory(id));
            SortedMap<Integer, Integer> distances = new TreeMap<>();
            ids.forEach(other -> distances.put(other, other == id ? NumaNode.LOCAL_DISTANCE : REMOTE_DISTANCE));
            nodes.add(new NumaNode(id, cpus(processors.get(id)), available, available, -1, distances, List.of()));
        }
        return new NumaTopology(name(), nodes, ids);
    }

    /** Logical processor numbers across groups: group * 64 + bit, as Windows numbers them in a processor set. */
    static SortedSet<Integer> cpus(List<WindowsNuma.GroupMask> masks) {
        SortedSet<Integer> cpus = new TreeSet<>();
        for (WindowsNuma.GroupMask mask : masks) {
            for (int bit = 0; bit < 64; bit++) {
                if ((mask.mask() & (1L << bit)) != 0) {
                    cpus.add(mask.group() * 64 + bit);
                }
            }
        }
        return cpus;
    }

    @Override
    public SortedSet<Integer> bindableNodes() {
        SortedSet<Integer> nodes = new TreeSet<>();
        for (int id : windows.nodeProcessors().keySet()) {
            if (windows.availableMemory(id) > 0) {
                nodes.add(id);
            }
        }
        return nodes;
    }

    @Override
    public NativeChunk allocate(int bytes, int node) throws NumaBindException {
        long address = windows.allocate(bytes, node);
        if (address == 0) {
            int error = windows.lastError();
            if (error == WindowsNuma.ERROR_INVALID_PARAMETER) {
                throw new NumaBindException(NumaBindException.Reason.NO_SUCH_NODE,
                        "node " + node + " does not exist (VirtualAllocExNuma: ERROR_INVALID_PARAMETER)");
            }
            if (node >= 0 && (error == WindowsNuma.ERROR_NOT_ENOUGH_MEMORY
                    || error == WindowsNuma.ERROR_COMMITMENT_LIMIT)) {
                throw new NumaBindException(NumaBindException.Reason.NODE_FULL,
                        "node " + node + " could not supply " + bytes + " bytes (Win32 error " + error + ")");
            }
            throw new OutOfMemoryError("VirtualAllocExNuma of " + bytes + " bytes failed: Win32 error " + error);
        }
        ByteBuffer memory = windows.buffer(address, bytes);
        for (int offset = 0; offset < bytes; offset += PAGE) {
            memory.put(offset, (byte) 0); // commit happens at first touch: place the pages now, then ask where
        }
        int first = windows.nodeOfPage(address);
        int last = windows.nodeOfPage(address + bytes - PAGE);
        boolean verified = first >= 0 && first == last;
        return new WindowsChunk(windows, address, bytes, node, verified ? first : -1, verified);
    }

    @Override
    public void discard(NativeChunk chunk) {
        windows.discard(((WindowsChunk) chunk).address(), chunk.size());
    }

    @Override
    public void release(NativeChunk chunk) {
        windows.free(((WindowsChunk) chunk).address());
    }

    /** Disks and volumes ({@code \\.\PhysicalDrive0}, {@code C:}, a file path); NICs are not told on Windows. */
    @Override
    public int currentNode() {
        WindowsNuma.Processor processor = windows.currentProcessor();
        for (Map.Entry<Integer, List<WindowsNuma.GroupMask>> node : windows.nodeProcessors().entrySet()) {
            if (node.getValue().stream().anyMatch(mask -> mask.contains(processor))) {
                return node.getKey();
            }
        }
        return -1;
    }

    @Override
    public SortedSet<Integer> nodesOf(String device) {
        String path = device.matches("[A-Za-z]:") ? "\\\\.\\" + device : device;
        int node = windows.nodeOfPath(path);
        return node < 0 ? new TreeSet<>() : new TreeSet<>(List.of(node));
    }

    /** Committed memory preferring a node; it holds no buffer over itself, each {@link #memory} is a new one. */
    record WindowsChunk(WindowsNuma windows, long address, int size, int boundNode, int placedNode, boolean verified)
            implements NativeChunk {
        @Override
        public ByteBuffer memory(int offset, int length) {
            Objects.checkFromIndexSize(offset, length, size);
            return windows.buffer(address + offset, length).order(ByteOrder.BIG_ENDIAN);
        }
    }
}
