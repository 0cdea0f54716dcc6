package io.hwplatform.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every system test shares: the guest image, the launcher, and jobs made of launcher command lines. */
final class SystemTestSupport {

    /** The JIT and the collector cost most under emulation; these flags start the JVM about 10 % sooner there. */
    static final String JVM = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private SystemTestSupport() {}

    /** @return a guest builder, after skipping the test (saying why) where guests cannot run */
    static Guest guest() throws IOException {
        String missing = GuestImage.missing().orElse(null);
        assumeTrue(missing == null, () -> "system tests skipped: " + missing);
        return new Guest(GuestImage.prepare(work()), work(), buildTree());
    }

    /** The deepest directory holding both the launcher and the work folder: what a guest needs of this machine. */
    static Path buildTree() {
        Path work = work();
        Path tree = launcher().getParent();
        while (!work.startsWith(tree)) {
            tree = tree.getParent();
        }
        return tree;
    }

    /** @return whether all scenarios run ({@code -Dsystem.scenarios=all}, the default) or one per concern (quick) */
    static boolean allScenarios() {
        return !"quick".equals(System.getProperty("system.scenarios", "all"));
    }

    static Path launcher() {
        return Path.of(System.getProperty("launcher.jar", "../../launcher/target/hwplatform.jar")).toAbsolutePath()
                .normalize();
    }

    static Path work() {
        return Path.of(System.getProperty("guest.work", "target/guests")).toAbsolutePath().normalize();
    }

    /** Sections of a job: a name and the launcher command line whose output it holds. */
    static Map<String, String> sections(String... nameAndCommandLine) {
        Map<String, String> sections = new LinkedHashMap<>();
        for (int i = 0; i < nameAndCommandLine.length; i += 2) {
            sections.put(nameAndCommandLine[i], nameAndCommandLine[i + 1]);
        }
        return sections;
    }

    /** @return a job that runs each command line in the launcher and frames its output as a section */
    static String job(Map<String, String> sections) {
        StringBuilder job = new StringBuilder("#!/bin/sh\n");
        sections.forEach((name, commandLine) -> job.append("echo '=== BEGIN ").append(name).append("'\n")
                .append(JVM).append(" -jar ").append(launcher()).append(" -c '").append(commandLine).append("' 2>&1\n")
                .append("echo \"=== END ").append(name).append(" rc=$?\"\n"));
        return job.toString();
    }
}
