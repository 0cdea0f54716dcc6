package io.hwplatform.memory.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.support.host.ProcFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ResidentCodeTest {

    /** The shape of a JVM's /proc/self/maps: a shared object's segments, an archive, a data file, anonymous memory. */
    private static final String MAPS = String.join("\n",
            "7f0000000000-7f0000200000 r--p 00000000 fd:01 1311 /usr/lib/jvm/java-17/lib/server/libjvm.so",
            "7f0000200000-7f0001000000 r-xp 00200000 fd:01 1311 /usr/lib/jvm/java-17/lib/server/libjvm.so",
            "7f0001000000-7f0001100000 rw-p 01000000 fd:01 1311 /usr/lib/jvm/java-17/lib/server/libjvm.so",
            "800000000-800400000 rw-p 00001000 fd:01 1400 /usr/lib/jvm/java-17/lib/server/classes.jsa",
            "7f1000000000-7f1040000000 r--s 00000000 fd:02 77 /data/segments/0001.db",
            "7f2000000000-7f2000100000 rw-p 00000000 00:00 0 ",
            "7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0 [stack]",
            "7ffc10000000-7ffc10002000 r-xp 00000000 00:00 0 [vdso]",
            "not a mapping at all",
            "zz-yy r-xp 00000000 fd:01 9 /garbled/address.so",
            "7f3000001000-7f3000000000 r-xp 00000000 fd:01 9 /ends/before/it/starts.so");

    @Test
    void everyMappingOfCodeFilesAndArchivesIsKeptAndNothingElse() {
        assertThat(ResidentCode.codeMappings(MAPS)).extracting(ResidentCode.Mapping::path).containsExactly(
                "/usr/lib/jvm/java-17/lib/server/libjvm.so", "/usr/lib/jvm/java-17/lib/server/libjvm.so",
                "/usr/lib/jvm/java-17/lib/server/libjvm.so", "/usr/lib/jvm/java-17/lib/server/classes.jsa");
        assertThat(ResidentCode.codeMappings(MAPS).get(1).bytes()).isEqualTo(0xe00000L);
        assertThat(ResidentCode.codeMappings("")).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theLiveProcessGetsItsCodeLocked() throws Exception {
        String outcome = ResidentCode.lockOnce();
        System.out.println(outcome);
        assertThat(ResidentCode.lockOnce()).isSameAs(outcome);
        if (outcome.startsWith("code kept resident") && !outcome.contains("refused")) {
            long lockedKb = ProcFormats.colonSeparated(Files.readString(Path.of("/proc/self/status")))
                    .getOrDefault("VmLck", 0L);
            assertThat(lockedKb).as("VmLck").isPositive();
        } else {
            assertThat(outcome).matches("code (not locked|kept resident).*");
        }
    }
}
