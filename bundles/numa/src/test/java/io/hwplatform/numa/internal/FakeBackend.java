package io.hwplatform.numa.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A machine of several nodes in memory from malloc: nodes can be made to refuse binding, and every chunk handed out,
 * discarded and released is counted, so that leaks and a release without a discard first show.
 */
final class FakeBackend implements NumaBackend {

    final String name;
    private final NumaTopology topology;
    final Map<Integer, NumaBindException.Reason> refusing = new ConcurrentHashMap<>();
    final Set<NativeChunk> live = ConcurrentHashMap.newKeySet();
    final Set<NativeChunk> discarded = ConcurrentHashMap.newKeySet();
    final AtomicInteger allocated = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    /** @param distances row per node, e.g. {"10 21", "21 10"} */
    FakeBackend(String name, String... distances) {
        this.name = name;
        List<NumaNode> nodes = new ArrayList<>();
        for (int id = 0; id < distances.length; id++) {
            String[] row = distances[id].split(" ");
            TreeMap<Integer, Integer> distance = new TreeMap<>();
            for (int to = 0; to < row.length; to++) {
                distance.put(to, Integer.parseInt(row[to]));
            }
            nodes.add(new NumaNode(id, new TreeSet<>(List.of(id)), 1L << 34, (1L << 33) - id, 4, distance, List.of()));
        }
        this.topology = new NumaTopology(name, nodes, new TreeSet<>(topologyIds(nodes)));
    }

    private static List<Integer> topologyIds(List<NumaNode> nodes) {
        return nodes.stream().map(NumaNode::id).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NumaTopology topology() {
        return topology;
    }

    @Override
    public SortedSet<Integer> bindableNodes() {
        return topology.online();
    }

    @Override
    public NativeChunk allocate(int bytes, int node) throws NumaBindException {
        NumaBindException.Reason reason = refusing.get(node);
        if (reason == null && node >= 0) {
            reason = refusing.get(Integer.MIN_VALUE); // refuse every node
        }
        if (reason != null) {
            throw new NumaBindException(reason, "node " + node + " refused: " + reason);
        }
        Chunk chunk = new Chunk(Native.malloc(bytes), bytes, node, node < 0 ? 0 : node);
        live.add(chunk);
        allocated.incrementAndGet();
        return chunk;
    }

    @Override
    public void discard(NativeChunk chunk) {
        if (!live.contains(chunk) || !discarded.add(chunk)) {
            throw new AssertionError("discarded twice or not ours: " + chunk);
        }
    }

    @Override
    public void release(NativeChunk chunk) {
        if (!live.remove(chunk)) {
            throw new AssertionError("released twice or not ours: " + chunk);
        }
        if (!discarded.remove(chunk)) {
            throw new AssertionError("released without a discard first: " + chunk);
        }
        released.incrementAndGet();
        Native.free(((Chunk) chunk).address);
    }

    /** @return chunks neither discarded nor released: those the pool still uses */
    Set<NativeChunk> inUse() {
        Set<NativeChunk> inUse = new java.util.HashSet<>(live);
        inUse.removeAll(discarded);
        return inUse;
    }

    /** The node {@link #currentNode()} says the calling thread runs on. */
    volatile int current;
    final AtomicInteger deviceReads = new AtomicInteger();

    @Override
    public int currentNode() {
        return current;
    }

    /** {@code nvme0n1} hangs on node 1; {@code dm-0} spans nodes 0 and 2; every other device is unknown. */
    @Override
    public SortedSet<Integer> nodesOf(String device) {
        deviceReads.incrementAndGet();
        return new TreeSet<>(switch (device) {
            case "nvme0n1" -> Set.of(1);
            case "dm-0" -> Set.of(0, 2);
            default -> Set.<Integer>of();
        });
    }

    /** A class, not a record: chunks are told apart by identity, never by their (equal, zeroed) contents. */
    static final class Chunk implements NativeChunk {
        private final long address;
        private final int size;
        private final int boundNode;
        private final int placedNode;

        Chunk(long address, int size, int boundNode, int placedNode) {
            this.address = address;
            this.size = size;
            this.boundNode = boundNode;
            this.placedNode = placedNode;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public ByteBuffer memory(int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, size);
            return new Pointer(address + offset).getByteBuffer(0, length).order(java.nio.ByteOrder.BIG_ENDIAN);
        }

        @Override
        public int boundNode() {
            return boundNode;
        }

        @Override
        public int placedNode() {
            return placedNode;
        }

        @Override
        public boolean verified() {
            return true;
        }
    }
}
