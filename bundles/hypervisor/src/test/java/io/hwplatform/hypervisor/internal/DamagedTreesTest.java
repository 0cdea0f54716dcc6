package io.hwplatform.hypervisor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.testsupport.Cases;
import io.hwplatform.testsupport.FixtureTrees;
import io.hwplatform.testsupport.TreeDamage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every fixture tree, damaged in every way {@link TreeDamage} knows (cases generated from a seed, see
 * {@link Cases}), through every probe: no probe throws, the
 * detection ends quickly with a bounded number of reads, every observation stays one short line, and when the file
 * that decided the undamaged tree's verdict is made unreadable the verdict falls to another signal and the evidence
 * says why.
 */
class DamagedTreesTest {

    /** More sources than any detection reads: a bound that a reader looping over damage would break. */
    private static final int MOST_READS = 400;

    private static final List<String> TREES = FixtureTrees.names();
    private static final List<TreeDamage.Kind> UNREADABLE = List.of(TreeDamage.Kind.NOT_UTF8,
            TreeDamage.Kind.EMPTIED, TreeDamage.Kind.DIRECTORY_INSTEAD, TreeDamage.Kind.PIPE_INSTEAD,
            TreeDamage.Kind.SYMLINK_LOOP);

    @Test
    void damageNeverEscapesTheDetector() {
        int cases = Cases.check(600, random -> damageNeverEscapesTheDetector(pick(random), TreeDamage.any(random)));
        System.out.println("damaged trees through the detector: " + cases + " cases");
    }

    @Test
    void anUnreadableDecidingFileHandsTheVerdictToTheNextSignal() {
        for (String tree : TREES) {
            for (TreeDamage.Kind kind : UNREADABLE) {
                try {
                    anUnreadableDecidingFileHandsTheVerdictToTheNextSignal(tree, kind);
                } catch (Exception | AssertionError e) {
                    throw new AssertionError(tree + ", " + kind + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static String pick(Random random) {
        return TREES.get(random.nextInt(TREES.size()));
    }

    private void damageNeverEscapesTheDetector(String tree, TreeDamage damage) throws Exception {
        Path root = Files.createTempDirectory("damaged-" + tree + "-");
        try {
            FixtureTrees.copy(tree, root);
            String damaged = damage.applyTo(root);
            HypervisorInfo info = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> detect(root),
                    () -> tree + " with " + damage + " on " + damaged + " did not end");

            assertThat(info.type()).isNotNull();
            assertThat(info.decidedBy()).isNotBlank();
            assertThat(info.evidence()).as("reads").isNotEmpty().hasSizeLessThan(MOST_READS)
                    .noneMatch(row -> row.source().startsWith("probe ") && row.observed().startsWith("failed"));
            for (Evidence row : info.evidence()) {
                assertThat(row.observed()).as("one short line").doesNotContain("\n").hasSizeLessThan(200);
            }
        } finally {
            TreeDamage.deleteRecursively(root);
        }
    }

    private void anUnreadableDecidingFileHandsTheVerdictToTheNextSignal(String tree, TreeDamage.Kind kind)
            throws Exception {
        Path root = Files.createTempDirectory("undecided-" + tree + "-");
        try {
            FixtureTrees.copy(tree, root);
            Optional<Evidence> deciding = detect(root).evidence().stream()
                    .filter(row -> row.meaning().startsWith("DECIDES")).findFirst();
            if (deciding.isEmpty() || !Files.isRegularFile(root.resolve(deciding.get().source().substring(1)))
                    || deciding.get().source().startsWith("/dev/")) { // NONE, or a binary device: nothing to garble
                return;
            }
            String source = deciding.get().source();
            Path file = root.resolve(source.substring(1));
            int target = TreeDamage.regularFiles(root).indexOf(file);
            new TreeDamage(kind, target, 0).applyTo(root);

            HypervisorInfo info = detect(root);

            assertThat(info.decidedBy()).as("%s: %s no longer decides", tree, source).doesNotStartWith(source + " ");
            assertThat(info.evidence()).as("the evidence says why").anySatisfy(row -> {
                assertThat(row.source()).isEqualTo(source);
                assertThat(row.observed()).matches("(unreadable|garbled|absent|empty|blank).*");
            });
        } finally {
            TreeDamage.deleteRecursively(root);
        }
    }

    @Test
    void aHundredMebibyteCpuinfoIsReadOnlyUpToTheCap() throws Exception {
        Path root = Files.createTempDirectory("huge-cpuinfo-");
        try {
            FixtureTrees.copy("kvm-q35", root);
            Path cpuinfo = root.resolve("proc/cpuinfo");
            byte[] block = Files.readAllBytes(cpuinfo);
            try (var out = Files.newOutputStream(cpuinfo)) {
                for (long written = 0; written < 100L << 20; written += block.length) {
                    out.write(block);
                }
            }
            long start = System.nanoTime();
            HypervisorInfo info = detect(root);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(info.evidence()).anySatisfy(row -> {
                assertThat(row.source()).isEqualTo("/proc/cpuinfo");
                assertThat(row.observed()).hasSizeLessThan(200);
            });
            System.out.println("detection with a 100 MiB /proc/cpuinfo: " + millis + " ms, verdict " + info.type());
            assertThat(new String(block, StandardCharsets.US_ASCII)).contains("processor");
        } finally {
            TreeDamage.deleteRecursively(root);
        }
    }

    private static HypervisorInfo detect(Path root) {
        return Detection.run(ScenarioTest.signals(root),
                ScenarioTest.ALL_PROBES, root.toString());
    }
}
