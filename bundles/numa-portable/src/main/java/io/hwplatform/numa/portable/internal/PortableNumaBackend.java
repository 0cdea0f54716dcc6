package io.hwplatform.numa.portable.internal;

import io.hwplatform.api.numa.NativeChunk;
import io.hwplatform.api.numa.NumaBackend;
import io.hwplatform.api.numa.NumaBindException;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.osgi.service.component.annotations.Component;

/**
 * Any operating system: one node 0 with every CPU, memory from {@link ByteBuffer#allocateDirect(int)}. Ranked lowest,
 * so that an OS backend takes over wherever one resolves. Direct memory is counted against
 * {@code -XX:MaxDirectMemorySize} and freed by the garbage collector, not at release.
 */
@Component(property = "service.ranking:Integer=-1000")
public final class PortableNumaBackend implements NumaBackend {

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
        return new DirectChunk(ByteBuffer.allocateDirect(bytes), node);
    }

    @Override
    public void release(NativeChunk chunk) {
        // Direct buffers are freed by the garbage collector once the pool drops the chunk.
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

    /** Plain direct memory; the JVM does not say where the operating system put it. */
    record DirectChunk(ByteBuffer memory, int boundNode) implements NativeChunk {
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
