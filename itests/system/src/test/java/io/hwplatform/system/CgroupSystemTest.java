package io.hwplatform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The launcher in a child cgroup {@code app} of a guest's cgroup v2, the example cache filled, and the limit closing
 * in: {@code memory.high} lowered under the resident size, a fill that runs into {@code memory.high}, and
 * {@code memory.max} lowered under the usage. The job samples the cgroup once a second ({@code === CG} lines) while
 * the launcher runs; the launcher's own output follows when it is done.
 */
class CgroupSystemTest {

    private static final String CG = "/sys/fs/cgroup/app";
    private static final String CG_V1 = "/sys/fs/cgroup/memory/app";
    private static final long MIB = 1 << 20;

    @Test
    void aLoweredMemoryHighIsMetByReleasingTheCache() throws Exception {
        String job = prologue("memory.high", "1G")
                + section("lowered", "cache:fill 400m; mem:watch --seconds 40; cache:stats --json",
                        "await 'added '; sleep 2; sample\n"
                                + "echo \"=== LIMIT $(date +%s) memory.high 300M\"; echo 300M > " + CG + "/memory.high\n");
        GuestOutput guest = boot("cgroup-lowered", job);

        List<String> lines = guest.section("lowered");
        Run run = Run.of(lines);
        assertThat(run.limitAt).as("the limit was lowered: %s", guest).isPositive();
        Sample before = run.beforeTheLimit().orElseThrow();
        assertThat(before.current).as("the process was over the new limit").isGreaterThan(300 * MIB);
        Sample under = run.firstAfter(run.limitAt, sample -> sample.current < 300 * MIB)
                .orElseThrow(() -> new AssertionError("never back under memory.high:\n" + String.join("\n", lines)));
        Sample calm = run.firstAfter(under.time, sample -> sample.avg10 < 10)
                .orElseThrow(() -> new AssertionError("pressure stayed:\n" + String.join("\n", lines)));
        report("lowered memory.high 1G -> 300M", before, under, calm, run);
        assertThat(under.time - run.limitAt).as("seconds until under the limit").isLessThanOrEqualTo(10);
        assertThat(lines).as("mem:watch printed the cgroup's report").anyMatch(line -> line.contains(" cgroup MODERATE")
                || line.contains(" cgroup CRITICAL"));
        assertThat(lines).as("and the reclaim").anyMatch(line -> line.contains(" reclaim "));
        JsonObject cache = guest.json("lowered").get(0);
        assertThat(cache.get("reclaimedBytes").getAsLong()).isPositive();
        assertThat(cache.get("bytes").getAsLong()).isLessThan(400 * MIB);
        assertThat(run.exitCode).isZero();
    }

    @Test
    void aFillIntoMemoryHighStopsThereAndTheJvmStillAnswers() throws Exception {
        assumeTrue(SystemTestSupport.allScenarios(), "runs only with -Dsystem.scenarios=all");
        String job = prologue("memory.high", "500M")
                + section("fill", "cache:fill 600m; mem:watch --seconds 20; cache:stats --json; mem:sources", "");
        GuestOutput guest = boot("cgroup-fill", job);

        List<String> lines = guest.section("fill");
        Run run = Run.of(lines);
        assertThat(lines).as("the fill stopped at the pressure: %s", guest)
                .anyMatch(line -> line.startsWith("added ") && line.endsWith("(stopped: memory pressure)"));
        assertThat(lines).as("mem:watch printed the reports").anyMatch(line -> line.contains(" cgroup "));
        Sample last = run.samples.get(run.samples.size() - 1);
        report("fill 600m into memory.high 500M", run.samples.get(0), last, last, run);
        assertThat(last.current).as("settled under memory.high").isLessThan(500 * MIB);
        JsonObject cache = guest.json("fill").get(0);
        assertThat(cache.get("refusals").getAsLong()).isPositive();
        assertThat(lines).as("mem:sources answered after it all").anyMatch(line -> line.startsWith("cgroup")
                && line.contains(CG));
        assertThat(run.exitCode).isZero();
    }

    /**
     * Below the usage, but not below what the kernel can evict on its own (page cache not locked): lower than that,
     * writing {@code memory.max} runs the OOM killer in the writer's own system call, before any process can react.
     * Then every new page the process needs must be found by evicting more, until the cache has made room.
     */
    @Test
    void aMemoryMaxLoweredUnderTheUsageKillsNothing() throws Exception {
        assumeTrue(SystemTestSupport.allScenarios(), "runs only with -Dsystem.scenarios=all");
        String job = prologue("memory.max", "1G")
                + section("max", "cache:fill 400m; mem:watch --seconds 30; cache:stats --json",
                        "await 'added '; sleep 2; sample\n"
                                + "file=$(awk '$1 ~ /^(in)?active_file$/ {sum += $2} END {print sum}' " + CG
                                + "/memory.stat)\n"
                                + "usage=$(cat " + CG + "/memory.current)\n"
                                + "cut=$((file / 2)); [ $cut -gt 33554432 ] && cut=33554432\n"
                                + "echo \"=== LIMIT $(date +%s) memory.max $((usage - cut)) (usage $usage, evictable page"
                                + " cache $file)\"\n"
                                + "echo $((usage - cut)) > " + CG + "/memory.max\n");
        GuestOutput guest = boot("cgroup-max", job);

        List<String> lines = guest.section("max");
        Run run = Run.of(lines);
        assertThat(run.limitAt).as("the limit was lowered: %s", guest).isPositive();
        Sample last = run.samples.get(run.samples.size() - 1);
        assertThat(last.events.getOrDefault("oom_kill", -1L)).as("no OOM kill: %s", String.join("\n", lines))
                .isZero();
        Sample before = run.beforeTheLimit().orElseThrow();
        Sample under = run.firstAfter(run.limitAt, sample -> sample.current < 0.90 * sample.max).orElse(last);
        report("lowered memory.max under the usage", before, under, last, run);
        assertThat(lines).as("mem:watch printed the critical report").anyMatch(line -> line.contains(" cgroup CRITICAL"));
        assertThat(lines).as("and the reclaim").anyMatch(line -> line.contains(" reclaim "));
        JsonObject cache = guest.json("max").get(0);
        assertThat(cache.get("reclaimedBytes").getAsLong()).isPositive();
        assertThat(run.exitCode).isZero();
    }

    /**
     * The same on the v1 memory controller: the hard limit lowered to just above the usage (v1 refuses a limit it
     * cannot reclaim down to, and OOM-kills at it), and the process gets back under the 95 % where pressure starts.
     */
    @Test
    void onCgroupV1ALimitClosingInIsMetByReleasingTheCache() throws Exception {
        assumeTrue(SystemTestSupport.allScenarios(), "runs only with -Dsystem.scenarios=all");
        String job = prologueV1("1G")
                + section("v1", "cache:fill 400m; mem:sources; mem:watch --seconds 30; cache:stats --json",
                        "await 'added '; sleep 2; sample\n"
                                + "usage=$(cat " + CG_V1 + "/memory.usage_in_bytes)\n"
                                + "echo \"=== LIMIT $(date +%s) memory.limit_in_bytes $((usage + usage / 50))\"\n"
                                + "echo $((usage + usage / 50)) > " + CG_V1 + "/memory.limit_in_bytes\n");
        GuestOutput guest = boot("cgroup-v1", job);

        List<String> lines = guest.section("v1");
        Run run = Run.of(lines);
        assertThat(lines).as("mem:sources named the v1 cgroup: %s", guest).anyMatch(line -> line.startsWith("cgroup ")
                && line.contains("cgroup v1 memory controller " + CG_V1));
        assertThat(run.limitAt).isPositive();
        Sample before = run.beforeTheLimit().orElseThrow();
        Sample under = run.firstAfter(run.limitAt, sample -> sample.current < 0.95 * sample.max)
                .orElseThrow(() -> new AssertionError("never back under 95 % of the limit:\n" + String.join("\n", lines)));
        Sample last = run.samples.get(run.samples.size() - 1);
        report("cgroup v1: memory.limit_in_bytes lowered to 2 % above the usage", before, under, last, run);
        assertThat(lines).as("mem:watch printed the critical report").anyMatch(line -> line.contains(" cgroup CRITICAL"));
        assertThat(lines).as("and the reclaim").anyMatch(line -> line.contains(" reclaim "));
        assertThat(last.events.getOrDefault("oom_kill", -1L)).isZero();
        assertThat(guest.json("v1").get(0).get("reclaimedBytes").getAsLong()).isPositive();
        assertThat(run.exitCode).isZero();
    }

    /**
     * Mounts cgroup v2, makes {@code app} with one limit, and defines the job's helpers ({@link #helpers}); a sample
     * is {@code memory.current}, {@code memory.high}, {@code memory.max}, {@code memory.events} and the cgroup's PSI.
     */
    /** Boots a 2 GiB guest for one scenario; every cgroup scenario needs the same machine. */
    private static GuestOutput boot(String name, String job) throws Exception {
        return SystemTestSupport.guest().memory(2048).timeout(420).run(name, job, (line, machine) -> { });
    }

    private static String prologue(String limitFile, String limit) {
        return "#!/bin/sh\n"
                + "mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup\n"
                + "echo +memory > /sys/fs/cgroup/cgroup.subtree_control\n"
                + "mkdir -p " + CG + "; echo " + limit + " > " + CG + "/" + limitFile + "\n"
                + "sample() { echo \"=== CG $(date +%s) current=$(cat " + CG + "/memory.current)"
                + " high=$(cat " + CG + "/memory.high) max=$(cat " + CG + "/memory.max)"
                + " events=$(tr ' \\n' '=,' < " + CG + "/memory.events)"
                + " avg10=$(sed -n 's/^some avg10=\\([0-9.]*\\).*/\\1/p' " + CG + "/memory.pressure)\"; }\n"
                + helpers(CG);
    }

    /**
     * The v1 memory controller alone, as on hosts not yet on cgroup v2: {@code app} under it with a hard limit; a
     * sample maps {@code memory.usage_in_bytes}, {@code memory.soft_limit_in_bytes} and {@code memory.limit_in_bytes}
     * to current, high and max, and {@code memory.failcnt} and the OOM kills to the events (v1 has no PSI).
     */
    private static String prologueV1(String limit) {
        return "#!/bin/sh\n"
                + "mount -t tmpfs cgroups /sys/fs/cgroup && mkdir /sys/fs/cgroup/memory\n"
                + "mount -t cgroup -o memory memory /sys/fs/cgroup/memory\n"
                + "mkdir -p " + CG_V1 + "; echo " + limit + " > " + CG_V1 + "/memory.limit_in_bytes\n"
                + "sample() { echo \"=== CG $(date +%s) current=$(cat " + CG_V1 + "/memory.usage_in_bytes)"
                + " high=$(cat " + CG_V1 + "/memory.soft_limit_in_bytes) max=$(cat " + CG_V1 + "/memory.limit_in_bytes)"
                + " events=failcnt=$(cat " + CG_V1 + "/memory.failcnt),oom_kill=$(awk '$1 == \"oom_kill\" {print $2}' "
                + CG_V1 + "/memory.oom_control), avg10=0\"; }\n"
                + helpers(CG_V1);
    }

    /**
     * {@code launch} starts the launcher inside the cgroup with its output to a file, {@code await} waits for a text
     * in that output, {@code follow} samples until the launcher is done.
     */
    private static String helpers(String cgroup) {
        return "launch() { sh -c \"echo \\$\\$ > " + cgroup + "/cgroup.procs; exec " + SystemTestSupport.JVM
                + " -jar " + SystemTestSupport.launcher() + " -c '$1'\" > /tmp/launcher.out 2>&1 & pid=$!; }\n"
                + "await() { i=0; until grep -q \"$1\" /tmp/launcher.out || [ $i -ge 300 ]; do sleep 1; i=$((i+1)); done; }\n"
                + "follow() { while kill -0 $pid 2>/dev/null; do sample; sleep 1; done; wait $pid; rc=$?; }\n";
    }

    /** A section: the launcher started in the cgroup, then what the scenario does to it, then its life sampled. */
    private static String section(String name, String commandLine, String scenario) {
        return "echo '=== BEGIN " + name + "'\n"
                + "launch '" + commandLine + "'\n"
                + scenario
                + "follow\n"
                + "cat /tmp/launcher.out\n"
                + "echo \"=== EXIT $rc\"\n"
                + "echo \"=== END " + name + " rc=$rc\"\n";
    }

    private static void report(String scenario, Sample before, Sample under, Sample calm, Run run) {
        System.out.printf("%s: before %d MiB (avg10 %.1f%%); %d MiB after %d s; pressure avg10 %.1f%% after %d s;"
                        + " events %s%n", scenario, before.current / MIB, before.avg10, under.current / MIB,
                under.time - (run.limitAt > 0 ? run.limitAt : before.time), calm.avg10,
                calm.time - (run.limitAt > 0 ? run.limitAt : before.time), calm.events);
    }

    /** One {@code === CG} line. */
    record Sample(long time, long current, long high, long max, Map<String, Long> events, double avg10) {

        static Optional<Sample> parse(String line) {
            if (!line.startsWith("=== CG ")) {
                return Optional.empty();
            }
            Map<String, String> fields = new HashMap<>();
            String[] words = line.substring(7).split(" ");
            for (String word : words) {
                int equals = word.indexOf('=');
                if (equals > 0) {
                    fields.put(word.substring(0, equals), word.substring(equals + 1));
                }
            }
            Map<String, Long> events = new HashMap<>();
            for (String event : fields.getOrDefault("events", "").split(",")) {
                int equals = event.indexOf('=');
                if (equals > 0) {
                    events.put(event.substring(0, equals), Long.parseLong(event.substring(equals + 1)));
                }
            }
            return Optional.of(new Sample(Long.parseLong(words[0]), Long.parseLong(fields.get("current")),
                    limit(fields.get("high")), limit(fields.get("max")), events,
                    Double.parseDouble(fields.getOrDefault("avg10", "0"))));
        }

        private static long limit(String value) {
            return "max".equals(value) ? Long.MAX_VALUE : Long.parseLong(value);
        }
    }

    /**
     * The samples of a section, when the limit was changed (epoch seconds, 0 if never) and how many samples came
     * before, and the launcher's status.
     */
    record Run(List<Sample> samples, long limitAt, int samplesBefore, int exitCode) {

        static Run of(List<String> lines) {
            List<Sample> samples = new ArrayList<>();
            long limitAt = 0;
            int before = 0;
            int exit = -1;
            for (String line : lines) {
                Sample.parse(line).ifPresent(samples::add);
                if (line.startsWith("=== LIMIT ")) {
                    limitAt = Long.parseLong(line.split(" ")[2]);
                    before = samples.size();
                } else if (line.startsWith("=== EXIT ")) {
                    exit = Integer.parseInt(line.substring(9).strip());
                }
            }
            assertThat(samples).as("samples of the cgroup in %s", lines).isNotEmpty();
            return new Run(samples, limitAt, before, exit);
        }

        /** @return the last sample taken before the limit was changed */
        Optional<Sample> beforeTheLimit() {
            return samplesBefore == 0 ? Optional.empty() : Optional.of(samples.get(samplesBefore - 1));
        }

        /** @return the first sample after the limit was changed and at or after a time that meets the condition */
        Optional<Sample> firstAfter(long time, java.util.function.Predicate<Sample> condition) {
            return samples.subList(samplesBefore, samples.size()).stream()
                    .filter(sample -> sample.time >= time && condition.test(sample)).findFirst();
        }
    }
}
