package io.hwplatform.benchmarks;

import io.hwplatform.api.host.HostRoot;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.numa.internal.PoolingAllocator;
import io.hwplatform.numa.linux.internal.LinuxNumaBackend;
import io.hwplatform.numa.portable.internal.PortableNumaBackend;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Allocate and release one off-heap buffer of 4 KiB or 64 KiB: hwplatform's node-bound pool (bound to node 0 and
 * verified by the kernel) against Netty's adaptive and pooled direct allocators and {@link ByteBuffer#allocateDirect}
 * (whose memory the garbage collector frees), on 1 and 2 threads.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar} runs everything and prints a Markdown table;
 * any JMH option (e.g. {@code -f 1 -wi 3 -i 5}) overrides the defaults below.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AllocationBenchmarks {

    @Param({"4096", "65536"})
    int size;

    private PoolingAllocator hwplatform;
    private AdaptiveByteBufAllocator adaptive;
    private PooledByteBufAllocator pooled;

    @Setup
    public void setUp() {
        hwplatform = new PoolingAllocator();
        hwplatform.use(linuxOrPortable());
        adaptive = new AdaptiveByteBufAllocator();
        pooled = PooledByteBufAllocator.DEFAULT;
    }

    @TearDown
    public void tearDown() {
        hwplatform.trim();
    }

    @Benchmark
    public void hwplatformNodeBound(Blackhole hole) {
        NumaBuffer buffer = hwplatform.allocate(size, 0);
        hole.consume(buffer.buffer());
        buffer.close();
    }

    @Benchmark
    public void nettyAdaptiveDirect(Blackhole hole) {
        ByteBuf buffer = adaptive.directBuffer(size);
        hole.consume(buffer);
        buffer.release();
    }

    @Benchmark
    public void nettyPooledDirect(Blackhole hole) {
        ByteBuf buffer = pooled.directBuffer(size);
        hole.consume(buffer);
        buffer.release();
    }

    @Benchmark
    public void allocateDirect(Blackhole hole) {
        hole.consume(ByteBuffer.allocateDirect(size));
    }

    private static io.hwplatform.api.numa.spi.NumaBackend linuxOrPortable() {
        try {
            return new LinuxNumaBackend(HostRoot.live());
        } catch (RuntimeException | LinkageError notLinux) {
            return new PortableNumaBackend();
        }
    }

    /** Runs the benchmarks on 1 and 2 threads and prints the results as one Markdown table. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions given = new CommandLineOptions(args);
        Map<String, Map<String, String>> table = new TreeMap<>();
        for (int threads : new int[] {1, 2}) {
            Options options = new OptionsBuilder().parent(given)
                    .include(AllocationBenchmarks.class.getSimpleName()).threads(threads).build();
            Collection<RunResult> results = new Runner(options).run();
            for (RunResult result : results) {
                String benchmark = result.getParams().getBenchmark();
                String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                String column = result.getParams().getParam("size") + " B, " + threads + (threads == 1 ? " thread" : " threads");
                table.computeIfAbsent(name, key -> new TreeMap<>()).put(column, String.format(Locale.ROOT, "%.1f ± %.1f",
                        result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
            }
        }
        List<String> columns = new ArrayList<>(new java.util.TreeSet<>(table.values().stream()
                .flatMap(row -> row.keySet().stream()).toList()));
        System.out.println();
        System.out.println("| allocate + release, ns/op | " + String.join(" | ", columns) + " |");
        System.out.println("|---|" + "---|".repeat(columns.size()));
        table.forEach((name, row) -> System.out.println("| " + name + " | "
                + String.join(" | ", columns.stream().map(column -> row.getOrDefault(column, "-")).toList()) + " |"));
    }
}
