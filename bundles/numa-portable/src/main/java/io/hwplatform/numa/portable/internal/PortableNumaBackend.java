package io.hwplatform.numa.portable.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.spi.NativeChunk;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.api.numa.spi.NumaBindException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.osgi.service.component.annotations.Component;

/**
 * Any operating system: one node 0 with every CPU, memory from the C library's {@code malloc} through JNA, freed at
 * release. Ranked lowest, so that an OS backend takes over wherever one resolves. There is no portable way to give
 * pages back while keeping them mapped, so {@link #discard(NativeChunk)} does nothing and the memory goes back at
 * release.
 */
@Component(property = "service.ranking:Integer=-1000")
public final class PortableNumaBackend implements NumaBackend {

    private static final long PAGE = 4096;

    @Override
    public String name() {
        return "portable";
    }

    @Override
    public NumaTopology topology() {
        SortedSet<Integer> cpus = IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        NumaNode node = new NumaNode(0, cpus, memory("getTotalMemorySize"), memory("getFreeMemorySize"), -1,
                new TreeMap<>(Map.of(0, NumaNode.LOCAL_DISTANCE)), List.of());
        return new NumaTopology(name(), List.of(node), new TreeSet<>(List.of(0)));
    }

    @Override
    public SortedSet<Integer> bindableNodes() {
        return new TreeSet<>(List.of(0));
    }

    @Override
    public NativeChunk allocate(int bytes, int node) throws NumaBindException {
        if (node > 0) {
            throw new NumaBindException(NumaBindException.Reason.NO_SUCH_NODE,
                    "node " + node + " does not exist: the portable backend knows only node 0");
        }
        // malloc aligns to 16 bytes only; a page more, rounded up, gives the page alignment that O_DIRECT reads need
        // and that every other backend's chunks have (aligned_alloc and posix_memalign are not on every OS).
        long allocated = Native.malloc((long) bytes + PAGE);
        if (allocated == 0) {
            throw new OutOfMemoryError("malloc of " + bytes + " bytes failed");
        }
        return new MallocChunk(allocated, (allocated + PAGE - 1) & -PAGE, bytes, node);
    }

    @Override
    public int currentNode() {
        return 0;
    }

    @Override
    public void discard(NativeChunk chunk) {
        // No portable call returns pages and keeps them mapped: the memory goes back at release.
    }

    @Override
    public void release(NativeChunk chunk) {
        Native.free(((MallocChunk) chunk).allocated());
    }

    @Override
    public SortedSet<Integer> nodesOf(String device) {
        return new TreeSet<>();
    }

    /**
     * The machine's memory from the JDK's operating-system bean. The getters live on the JDK-specific
     * {@code com.sun.management} interface the bean implements; calling them through that interface, found on the
     * bean itself, keeps the bundle free of a JDK-specific import. Without them: the JVM's own limit.
     */
    static long memory(String getter) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        for (Class<?> type : os.getClass().getInterfaces()) {
            for (Class<?> candidate : withSuperInterfaces(type)) {
                try {
                    Method method = candidate.getMethod(getter);
                    return (long) method.invoke(os);
                } catch (ReflectiveOperationException | RuntimeException notHere) {
                    // try the next interface
                }
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static List<Class<?>> withSuperInterfaces(Class<?> type) {
        List<Class<?>> all = new java.util.ArrayList<>(List.of(type));
        for (Class<?> parent : type.getInterfaces()) {
            all.addAll(withSuperInterfaces(parent));
        }
        return all;
    }

    /**
     * Plain memory; the operating system does not say where it put it.
     *
     * @param allocated what malloc returned, for free
     * @param address the chunk's first byte, page-aligned
     */
    record MallocChunk(long allocated, long address, int size, int boundNode) implements NativeChunk {
        @Override
        public ByteBuffer memory(int offset, int length) {
            Objects.checkFromIndexSize(offset, length, size);
            return new Pointer(address + offset).getByteBuffer(0, length).order(ByteOrder.BIG_ENDIAN);
        }

        @Override
        public int placedNode() {
            return -1;
        }

        @Override
        public boolean verified() {
            return false;
        }
    }
}
