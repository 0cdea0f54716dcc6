package io.hwplatform.numa.internal;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.numa.linux.internal.LinuxNumaBackend;
import io.hwplatform.numa.portable.internal.PortableNumaBackend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything a careless or hostile caller can do with the public API, run in a JVM of its own so that a crash shows
 * as a dead process instead of taking the test run down. Prints {@code ok <scenario>} after each scenario and exits
 * 0; exits 1 when a promise was broken; a crash is any other exit.
 *
 * <p>{@code java ... Misuse <linux|portable> <quarantine:true|false>}
 */
public final class Misuse {

    private static final int LARGE = 4 << 20;

    private final PoolingAllocator allocator;
    private final boolean quarantine;
    private final NumaBackend[] backends;

    private Misuse(NumaBackend backend, NumaBackend other, boolean quarantine) {
        this.allocator = new PoolingAllocator(quarantine);
        this.quarantine = quarantine;
        this.backends = new NumaBackend[] {backend, other};
        allocator.use(backend);
    }

    public static void main(String[] args) throws Exception {
        NumaBackend linux = new LinuxNumaBackend(HostRoot.live());
        NumaBackend portable = new PortableNumaBackend();
        boolean onLinux = args[0].equals("linux");
        Misuse misuse = new Misuse(onLinux ? linux : portable, onLinux ? portable : linux,
                Boolean.parseBoolean(args[1]));
        misuse.run("close-clear-write-large", () -> misuse.closeThenClearAndWrite(LARGE));
        misuse.run("close-trim-write", () -> misuse.closeTrimThenWrite(65536));
        misuse.run("close-reuse-small", misuse::closeThenReuse);
        misuse.run("view-kept-handle-dropped", misuse::viewKeptHandleDropped);
        misuse.run("derived-views-outlive-everything", misuse::derivedViewsOutliveEverything);
        misuse.run("derived-view-of-a-dropped-buffer", misuse::derivedViewOfADroppedBuffer);
        misuse.run("double-close-across-threads", misuse::doubleCloseAcrossThreads);
        misuse.run("random-sequences", misuse::randomSequences);
        System.out.println("done");
    }

    private void run(String name, Scenario scenario) throws Exception {
        System.out.println("running " + name);
        System.out.flush();
        scenario.run();
        System.out.println("ok " + name);
        System.out.flush();
    }

    /** Case 1 of the trust issue: clear() undoes any limit close could set; the chunk behind was already given up. */
    private void closeThenClearAndWrite(int size) throws Exception {
        NumaBuffer buffer = allocator.allocate(size, 0);
        ByteBuffer view = buffer.buffer();
        buffer.close();
        buffer.close();
        expectClosed(buffer);
        view.clear();
        view.put(0, (byte) 1);
        view.put(size - 1, (byte) 1);
        churn();
        view.putLong(size / 2, 42L); // still mapped: a reachable view keeps its chunk
        check(view.getLong(size / 2) == 42L, "a write through a reachable view did not stick");
    }

    /** Case 2: the wholly free chunk is trimmed while a view of it is reachable. */
    private void closeTrimThenWrite(int size) throws Exception {
        NumaBuffer buffer = allocator.allocate(size, 0);
        ByteBuffer view = buffer.buffer();
        buffer.close();
        allocator.trim();
        view.clear().put(0, (byte) 1);
        churn();
        allocator.trim();
        view.put(size - 1, (byte) 2);
    }

    /** Case 3: by default a stale write may reach the next owner; in quarantine it must not. */
    private void closeThenReuse() {
        NumaBuffer first = allocator.allocate(4096, 0);
        ByteBuffer stale = first.buffer();
        first.close();
        List<NumaBuffer> next = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            NumaBuffer buffer = allocator.allocate(4096, 0);
            buffer.buffer().put(0, (byte) 5);
            next.add(buffer);
        }
        stale.clear().put(0, (byte) 9);
        boolean seen = next.stream().anyMatch(buffer -> buffer.buffer().get(0) == 9);
        if (quarantine) {
            check(!seen, "in quarantine a stale view wrote into another buffer");
        }
        System.out.println("stale write reached a new owner: " + seen);
        next.forEach(NumaBuffer::close);
    }

    /** Case 4: only the view is kept; its block must stay its own through collections, trims and new allocations. */
    private void viewKeptHandleDropped() throws Exception {
        int[] sizes = {4096, 65536, LARGE};
        ByteBuffer[] views = new ByteBuffer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            views[i] = allocator.allocate(sizes[i], 0).buffer();
            fill(views[i], (byte) (0x30 + i));
        }
        long leakedBefore = allocator.stats().leaked();
        churn();
        for (int i = 0; i < sizes.length; i++) {
            check(filledWith(views[i], (byte) (0x30 + i)), "a kept view's memory went to someone else");
        }
        check(allocator.stats().leaked() == leakedBefore, "a buffer whose view is kept was counted as a leak");
    }

    /** Slices, duplicates and typed views of a closed, trimmed buffer whose handle and view are long gone. */
    private void derivedViewsOutliveEverything() throws Exception {
        NumaBuffer buffer = allocator.allocate(LARGE, 0);
        ByteBuffer slice = buffer.buffer().slice(4096, 4096);
        java.nio.LongBuffer longs = buffer.buffer().duplicate().asLongBuffer();
        ByteBuffer readOnly = buffer.buffer().asReadOnlyBuffer();
        buffer.close();
        buffer = null;
        churn();
        slice.putInt(0, 7);
        longs.put(longs.capacity() - 1, 7L);
        readOnly.get(LARGE - 1);
    }

    /**
     * A buffer never closed, of which only a duplicate or a typed view is kept: that is all the caller holds, so its
     * data must stay its own through collections, trims and new allocations, although the buffer counts as a leak.
     */
    private void derivedViewOfADroppedBuffer() throws Exception {
        int[] sizes = {4096, 65536, LARGE};
        ByteBuffer[] duplicates = new ByteBuffer[sizes.length];
        java.nio.LongBuffer[] longs = new java.nio.LongBuffer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ByteBuffer view = allocator.allocate(sizes[i], 0).buffer();
            for (int at = 0; at < view.capacity(); at++) {
                view.put(at, (byte) (0x50 + i));
            }
            duplicates[i] = view.duplicate();
            longs[i] = view.asLongBuffer();
        }
        long leakedBefore = allocator.stats().leaked();
        churn();
        for (int i = 0; i < sizes.length; i++) {
            check(filledWith(duplicates[i], (byte) (0x50 + i)), "a kept duplicate's memory went to someone else");
            check(longs[i].get(longs[i].capacity() - 1) == (0x50 + i) * 0x0101010101010101L,
                    "a kept typed view's memory changed");
        }
        if (!quarantine) { // in quarantine what is derived keeps the view itself, so nothing counts as a leak
            check(allocator.stats().leaked() >= leakedBefore + sizes.length, "dropped buffers were not found");
        }
    }

    private void doubleCloseAcrossThreads() throws Exception {
        for (int round = 0; round < 200; round++) {
            List<NumaBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                buffers.add(allocator.allocate(1 << ThreadLocalRandom.current().nextInt(10, 17), 0));
            }
            Thread other = new Thread(() -> buffers.forEach(NumaBuffer::close));
            other.start();
            buffers.forEach(NumaBuffer::close);
            other.join();
        }
        List<NumaBuffer> fresh = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            NumaBuffer buffer = allocator.allocate(4096, 0);
            buffer.buffer().putInt(0, i);
            fresh.add(buffer);
        }
        for (int i = 0; i < fresh.size(); i++) {
            check(fresh.get(i).buffer().getInt(0) == i, "a block was handed out twice after racing closes");
        }
        fresh.forEach(NumaBuffer::close);
    }

    /**
     * Several threads, random operations: allocate, close (now, later, twice, from another thread), clear, slice,
     * duplicate and write stale views, trim, collect, swap the backend. In quarantine, every live buffer's pattern
     * must survive all of it.
     */
    private void randomSequences() throws Exception {
        ConcurrentLinkedQueue<ByteBuffer> staleViews = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<NumaBuffer> shared = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                try {
                    randomOperations(seed, staleViews, shared);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        shared.forEach(NumaBuffer::close);
        if (failure.get() != null) {
            throw new AssertionError("a random sequence broke a promise", failure.get());
        }
    }

    private void randomOperations(int seed, ConcurrentLinkedQueue<ByteBuffer> staleViews,
            ConcurrentLinkedQueue<NumaBuffer> shared) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<NumaBuffer> mine = new ArrayList<>();
        for (int op = 0; op < 4000; op++) {
            switch (random.nextInt(12)) {
                case 0, 1, 2, 3 -> {
                    int size = random.nextInt(20) == 0 ? random.nextInt(1 << 20, 3 << 20) : random.nextInt(1, 70_000);
                    NumaBuffer buffer = allocator.allocate(size, random.nextInt(-1, 3));
                    fill(buffer.buffer(), (byte) seed);
                    (random.nextBoolean() ? mine : shared).add(buffer);
                }
                case 4, 5 -> {
                    if (!mine.isEmpty()) {
                        NumaBuffer buffer = mine.remove(random.nextInt(mine.size()));
                        checkPattern(buffer, (byte) seed);
                        ByteBuffer view = buffer.buffer();
                        staleViews.add(random.nextBoolean() ? view : view.slice(0, view.capacity() / 2 + 1));
                        buffer.close();
                        if (random.nextBoolean()) {
                            buffer.close();
                        }
                    }
                }
                case 6 -> {
                    NumaBuffer foreign = shared.poll();
                    if (foreign != null) {
                        foreign.close(); // another thread's buffer, perhaps being filled: closing races are allowed
                    }
                }
                case 7 -> {
                    ByteBuffer stale = staleViews.poll();
                    if (stale != null) {
                        stale.clear();
                        if (quarantine || random.nextInt(4) == 0) { // by default stale writes may hit live buffers
                            stale.put(random.nextInt(stale.capacity()), (byte) -1);
                        }
                        stale.duplicate().get(stale.capacity() - 1);
                        if (random.nextBoolean()) {
                            staleViews.add(stale);
                        }
                    }
                }
                case 8 -> allocator.trim();
                case 9 -> {
                    if (random.nextInt(8) == 0) {
                        System.gc();
                    }
                }
                case 10 -> {
                    if (random.nextInt(16) == 0) {
                        allocator.use(backends[random.nextInt(2)]);
                    }
                }
                default -> {
                    allocator.stats();
                    allocator.maintain();
                }
            }
        }
        for (NumaBuffer buffer : mine) {
            checkPattern(buffer, (byte) seed);
            buffer.close();
        }
    }

    private void checkPattern(NumaBuffer buffer, byte seed) {
        if (quarantine) { // by default another thread's stale write may have reached it: that is the documented risk
            check(filledWith(buffer.buffer(), seed), "a live buffer changed under its owner in quarantine");
        }
    }

    /** Collections, maintenance, trims and fresh allocations of every size: whatever might unmap or reuse. */
    private void churn() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            allocator.stats();
            allocator.maintain();
            allocator.trim();
            for (int size : new int[] {1024, 4096, 65536, 1 << 20, LARGE}) {
                for (int j = 0; j < ThreadCache.RECENT; j++) {
                    NumaBuffer buffer = allocator.allocate(size, 0);
                    fill(buffer.buffer(), (byte) 0x7e);
                    buffer.close();
                }
            }
        }
    }

    private static void expectClosed(NumaBuffer buffer) {
        try {
            buffer.buffer();
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError("buffer() of a closed buffer did not throw");
    }

    private static void fill(ByteBuffer view, byte value) {
        view.put(0, value).put(view.capacity() / 2, value).put(view.capacity() - 1, value);
    }

    private static boolean filledWith(ByteBuffer view, byte value) {
        return view.get(0) == value && view.get(view.capacity() / 2) == value && view.get(view.capacity() - 1) == value;
    }

    private static void check(boolean promise, String broken) {
        if (!promise) {
            System.out.println("broken: " + broken);
            System.out.flush();
            System.exit(1);
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }
}
