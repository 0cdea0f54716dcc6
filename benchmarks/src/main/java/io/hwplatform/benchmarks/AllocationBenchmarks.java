package io.hwplatform.benchmarks;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.numa.internal.PoolingAllocator;
import io.hwplatform.numa.linux.internal.LinuxNumaBackend;
import io.hwplatform.numa.portable.internal.PortableNumaBackend;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Allocate and release one off-heap buffer of 4 KiB or 64 KiB: hwplatform's node-bound pool (bound to node 0 and
 * verified by the kernel) against Netty's adaptive and pooled direct allocators and {@link ByteBuffer#allocateDirect}
 * (whose memory the garbage collector frees). Besides one buffer at a time: a burst (64 buffers, then all closed),
 * a producer thread whose buffers a consumer thread closes, and the floor: a thread-local stack's pop and push of a
 * preallocated buffer, below which no per-thread pool can go.
 *
 * <p>{@link BenchmarkTable#main} ({@code java -jar benchmarks/target/benchmarks.jar}) runs all of it, Netty also in
 * its best configuration, and prints one table; JMH's own runner takes any JMH option.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AllocationBenchmarks {

    static final int BURST = 64;

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

    /** The floor: what a per-thread cache costs at the least, a thread-local lookup and a pop and push. */
    @Benchmark
    public void floorThreadLocalStack(Floor floor, Blackhole hole) {
        ArrayDeque<ByteBuffer> stack = floor.stacks.get();
        ByteBuffer buffer = stack.pop();
        hole.consume(buffer);
        stack.push(buffer);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void hwplatformBurst(Burst burst, Blackhole hole) {
        NumaBuffer[] buffers = burst.numa;
        for (int i = 0; i < BURST; i++) {
            buffers[i] = hwplatform.allocate(size, 0);
            hole.consume(buffers[i].buffer());
        }
        for (int i = 0; i < BURST; i++) {
            buffers[i].close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void nettyAdaptiveBurst(Burst burst, Blackhole hole) {
        nettyBurst(adaptive, burst.netty, hole);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void nettyPooledBurst(Burst burst, Blackhole hole) {
        nettyBurst(pooled, burst.netty, hole);
    }

    private void nettyBurst(io.netty.buffer.ByteBufAllocator allocator, ByteBuf[] buffers, Blackhole hole) {
        for (int i = 0; i < BURST; i++) {
            buffers[i] = allocator.directBuffer(size);
            hole.consume(buffers[i]);
        }
        for (int i = 0; i < BURST; i++) {
            buffers[i].release();
        }
    }

    @Benchmark
    @Group("hwplatformHandOff")
    @GroupThreads(1)
    public void hwplatformProduce(HandOff handOff) {
        NumaBuffer buffer = hwplatform.allocate(size, 0);
        if (!handOff.numa.offer(buffer)) {
            buffer.close(); // the consumer fell behind
        }
    }

    @Benchmark
    @Group("hwplatformHandOff")
    @GroupThreads(1)
    public void hwplatformConsume(HandOff handOff) {
        NumaBuffer buffer = handOff.numa.poll();
        if (buffer != null) {
            buffer.close();
        }
    }

    @Benchmark
    @Group("nettyAdaptiveHandOff")
    @GroupThreads(1)
    public void nettyAdaptiveProduce(HandOff handOff) {
        ByteBuf buffer = adaptive.directBuffer(size);
        if (!handOff.netty.offer(buffer)) {
            buffer.release();
        }
    }

    @Benchmark
    @Group("nettyAdaptiveHandOff")
    @GroupThreads(1)
    public void nettyAdaptiveConsume(HandOff handOff) {
        release(handOff.netty.poll());
    }

    @Benchmark
    @Group("nettyPooledHandOff")
    @GroupThreads(1)
    public void nettyPooledProduce(HandOff handOff) {
        ByteBuf buffer = pooled.directBuffer(size);
        if (!handOff.netty.offer(buffer)) {
            buffer.release();
        }
    }

    @Benchmark
    @Group("nettyPooledHandOff")
    @GroupThreads(1)
    public void nettyPooledConsume(HandOff handOff) {
        release(handOff.netty.poll());
    }

    private static void release(ByteBuf buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }

    private static NumaBackend linuxOrPortable() {
        try {
            return new LinuxNumaBackend(HostRoot.live());
        } catch (RuntimeException | LinkageError notLinux) {
            return new PortableNumaBackend();
        }
    }

    /** Each thread's stack of one preallocated buffer. */
    @State(Scope.Benchmark)
    public static class Floor {
        final ThreadLocal<ArrayDeque<ByteBuffer>> stacks = ThreadLocal.withInitial(() -> {
            ArrayDeque<ByteBuffer> stack = new ArrayDeque<>();
            stack.push(ByteBuffer.allocateDirect(4096));
            return stack;
        });
    }

    /** Each thread's burst of buffers. */
    @State(Scope.Thread)
    public static class Burst {
        final NumaBuffer[] numa = new NumaBuffer[BURST];
        final ByteBuf[] netty = new ByteBuf[BURST];
    }

    /** The ring between a group's producer and its consumer; what is left in it is released after each iteration. */
    @State(Scope.Group)
    public static class HandOff {
        final HandOffRing<NumaBuffer> numa = new HandOffRing<>();
        final HandOffRing<ByteBuf> netty = new HandOffRing<>();

        @TearDown(Level.Iteration)
        public void drain() {
            for (NumaBuffer buffer = numa.poll(); buffer != null; buffer = numa.poll()) {
                buffer.close();
            }
            for (ByteBuf buffer = netty.poll(); buffer != null; buffer = netty.poll()) {
                buffer.release();
            }
        }
    }
}
