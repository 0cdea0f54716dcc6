package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.ProcFormats;
import io.hwplatform.testsupport.Cases;
import io.hwplatform.testsupport.TreeDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The memory readers on generated garbage and on a damaged cgroup v2 guest tree (cases from a seed, see
 * {@link Cases}): the parsers are total functions, and every source samples a damaged tree without throwing.
 */
class DamagedInputsTest {

    /** A cgroup v2 guest, and a service on the v1 memory controller in the hybrid layout. */
    private static final List<Path> GUESTS = List.of(Path.of("src/test/trees/cgroup-v2-guest"),
            Path.of("src/test/trees/cgroup-v1-hybrid-guest"));
    private static final String[] PIECES = {"some", "full", "avg10=", "total=", "MemTotal:", "Balloon:", " kB", "\n",
        "nr_balloon_pages", "balloon_inflate", " ", "\t", ":", "0::/", "/..", "\0", "-1", "99999999999999999999",
        "1.5e308", "NaN", "KernelPageSize:", "é", "\uFFFD", "0x40", "=", "max", " - cgroup2 cgroup2 rw", "4:memory:",
        " / /sys/fs/cgroup rw", "\\040"};

    @Test
    void theParsersAreTotalOnGarbage() {
        int cases = Cases.check(5000, random -> {
            String text = garbage(random);
            Psi.parse(text).ifPresent(psi -> assertThat(psi.someTotalMicros()).isNotNegative());
            BalloonReading reading = BalloonReading.parse(text, text, text, text, BalloonReading.DEFAULT_PAGE);
            assertThat(reading.memTotal()).isNotNegative();
            reading.balloon().ifPresent(bytes -> assertThat(bytes).isNotNegative());
            BalloonReading.kernelPageSize(text).ifPresent(bytes -> assertThat(bytes).isPositive());
            CgroupLocator.path(text, CgroupLocator.Version.V2).ifPresent(path -> assertThat(path)
                    .startsWith("/").doesNotContain(".."));
            CgroupLocator.locate(text, text, path -> java.util.Optional.of(text)).ifPresent(location -> assertThat(
                    location.limited()).startsWith(location.own().substring(0, 1)));
            assertThat(CgroupLocator.mounts(text)).allSatisfy(mount -> assertThat(mount.mountPoint()).isNotNull());
            assertThat(ProcFormats.colonSeparated(text).values()).allSatisfy(value -> assertThat(value).isNotNegative());
            assertThat(ProcFormats.spaceSeparated(text).values()).allSatisfy(value -> assertThat(value).isNotNegative());
        });
        System.out.println("garbage through the memory parsers: " + cases + " cases");
    }

    @Test
    void everySourceSamplesADamagedGuestTree() {
        int cases = Cases.check(300, random -> {
            Path root = Files.createTempDirectory("damaged-memory-");
            try {
                TreeDamage.copyTree(GUESTS.get(random.nextInt(GUESTS.size())), root);
                TreeDamage damage = TreeDamage.any(random);
                String damaged = damage.applyTo(root);
                HostRoot host = HostRoot.of(root.toString());
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    BalloonSource balloon = new BalloonSource(host, 1000);
                    balloon.sample();
                    balloon.sample();
                    CgroupLimitSource cgroup = new CgroupLimitSource(host, 1000, false);
                    cgroup.sample();
                    cgroup.sample();
                    new SystemPsiSource(host, LiveSourcesTest.DEFAULTS).isAvailable();
                    new CgroupPsiSource(host, LiveSourcesTest.DEFAULTS).isAvailable();
                    assertThat(balloon.describe()).doesNotContain("last failure");
                    assertThat(cgroup.describe()).doesNotContain("last failure");
                }, () -> damage + " on " + damaged + " did not end");
            } finally {
                TreeDamage.deleteRecursively(root);
            }
        });
        System.out.println("damaged guest trees through the memory sources: " + cases + " cases");
    }

    private static String garbage(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(4) == 0) {
                text.append((char) random.nextInt(0x3000));
            } else if (random.nextInt(3) == 0) {
                text.append(random.nextLong());
            } else {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return text.toString();
    }
}
