package io.hwplatform.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AllocationBenchmarks} on 1 and 2 threads, Netty also on {@code FastThreadLocalThread}s with leak
 * detection off (its best configuration), with JMH's allocation profiler, and prints one Markdown table of ns per
 * buffer (allocate + release) and bytes allocated per buffer, then the ratios the goal is stated in. JMH options
 * given on the command line (e.g. {@code -f 1 -wi 3 -i 5}) apply to every run.
 */
public final class BenchmarkTable {

    private static final String BENCHMARKS = AllocationBenchmarks.class.getName();
    private static final String SINGLE = "\\.(hwplatform|netty|allocate|floor)[A-Za-z]*(Direct|Bound|Burst|Stack)$";
    private static final String NETTY_SINGLE = "\\.netty[A-Za-z]*(Direct|Burst)$";
    private static final String HAND_OFF = "\\.[A-Za-z]*HandOff$";
    private static final String NETTY_HAND_OFF = "\\.netty[A-Za-z]*HandOff$";
    private static final String[] NETTY_BEST = {
        "--enable-native-access=ALL-UNNAMED", "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=" + FastThreadLocalExecutor.class.getName(), "-Dio.netty.leakDetection.level=disabled"};
    private static final String BEST = " (FastThreadLocalThread, no leak detection)";

    /** row, then column, then the cell */
    private final Map<String, Map<String, Cell>> table = new LinkedHashMap<>();
    private final CommandLineOptions given;

    private BenchmarkTable(CommandLineOptions given) {
        this.given = given;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkTable table = new BenchmarkTable(new CommandLineOptions(args));
        for (int threads : new int[] {1, 2}) {
            table.run(SINGLE, threads, "", null);
            table.run(NETTY_SINGLE, threads, BEST, NETTY_BEST);
        }
        table.run(HAND_OFF, 2, "", null);
        table.run(NETTY_HAND_OFF, 2, BEST, NETTY_BEST);
        table.print();
    }

    private void run(String pattern, int threads, String suffix, String[] jvmArgs) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given).include(BENCHMARKS + pattern)
                .threads(threads).addProfiler(GCProfiler.class);
        if (jvmArgs != null) {
            options.jvmArgsAppend(jvmArgs);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1) + suffix;
            String column = result.getParams().getParam("size") + " B, "
                    + (name.contains("HandOff") ? "producer + consumer" : threads + (threads == 1 ? " thread" : " threads"));
            Result<?> primary = result.getPrimaryResult();
            Result<?> bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
            table.computeIfAbsent(name, key -> new LinkedHashMap<>()).put(column,
                    new Cell(primary.getScore(), primary.getScoreError(), bytes == null ? Double.NaN : bytes.getScore()));
        }
    }

    private void print() {
        List<String> columns = new ArrayList<>(new TreeSet<>(table.values().stream()
                .flatMap(row -> row.keySet().stream()).toList()));
        System.out.println();
        System.out.println("| ns per buffer (B allocated per buffer) | " + String.join(" | ", columns) + " |");
        System.out.println("|---|" + "---|".repeat(columns.size()));
        table.forEach((name, row) -> System.out.println("| " + name + " | " + String.join(" | ",
                columns.stream().map(column -> row.containsKey(column) ? row.get(column).toString() : "-").toList())
                + " |"));
        System.out.println();
        ratios(columns, "hwplatformNodeBound", "nettyAdaptiveDirect", "nettyPooledDirect");
        ratios(columns, "hwplatformBurst", "nettyAdaptiveBurst", "nettyPooledBurst");
        ratios(columns, "hwplatformHandOff", "nettyAdaptiveHandOff", "nettyPooledHandOff");
        for (String column : columns) {
            Cell ours = cell("hwplatformNodeBound", column);
            Cell floor = cell("floorThreadLocalStack", column);
            if (ours != null && floor != null) {
                System.out.printf(Locale.ROOT, "hwplatformNodeBound / floor, %s: %.1fx%n", column,
                        ours.nanos / floor.nanos);
            }
        }
    }

    /** Ours against the faster of Netty's allocators, in either configuration. */
    private void ratios(List<String> columns, String ours, String... netty) {
        for (String column : columns) {
            Cell mine = cell(ours, column);
            Cell best = null;
            String bestName = null;
            for (String name : netty) {
                for (String variant : new String[] {name, name + BEST}) {
                    Cell candidate = cell(variant, column);
                    if (candidate != null && (best == null || candidate.nanos < best.nanos)) {
                        best = candidate;
                        bestName = variant;
                    }
                }
            }
            if (mine != null && best != null) {
                System.out.printf(Locale.ROOT, "%s / best Netty (%s), %s: %.2fx%n", ours, bestName, column,
                        mine.nanos / best.nanos);
            }
        }
    }

    private Cell cell(String row, String column) {
        Map<String, Cell> cells = table.get(row);
        return cells == null ? null : cells.get(column);
    }

    private record Cell(double nanos, double error, double bytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f ± %.1f (%.0f B)", nanos, error, bytes);
        }
    }
}
