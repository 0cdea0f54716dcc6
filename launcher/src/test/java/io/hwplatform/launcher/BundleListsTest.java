package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The distribution's pom is the one list of runtime bundles; the lists that must stay by hand (the module list, the
 * Karaf features with their conditions, the Pax Exam groups) are checked against it here, so that a bundle left out
 * of one fails the build.
 */
class BundleListsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyBundleModuleShipsAndEveryShippedBundleIsAModule() throws IOException {
        assertThat(distribution()).isEqualTo(matches(read("bundles/pom.xml"), "<module>([\\w-]+)</module>"));
    }

    @Test
    void theKarafFeaturesNameEveryBundleOfTheDistributionAndNoOther() throws IOException {
        Set<String> featured = matches(read("features/src/main/feature/feature.xml"),
                "<bundle[^>]*>mvn:io\\.hwplatform/([\\w-]+)/");
        assertThat(featured).isEqualTo(distribution());
    }

    @Test
    void thePaxExamGroupsNameOnlyBundlesOfTheDistribution() throws IOException {
        Set<String> named = matches(read("itests/src/test/java/io/hwplatform/itests/PlatformOptions.java"),
                "project\\(\"([\\w-]+)\"\\)");
        assertThat(named).isNotEmpty();
        assertThat(distribution()).containsAll(named);
    }

    /**
     * Each probe bundle's probe runs in the detector's scenario tests (a test dependency and an entry of
     * {@code ScenarioTest.ALL_PROBES}) and is installed by the Pax Exam hypervisor group.
     */
    @Test
    void everyProbeBundleIsInTheScenarioTestsAndThePaxExamGroup() throws IOException {
        Set<String> probeBundles = new TreeSet<>();
        for (String bundle : distribution()) {
            if (bundle.startsWith("hypervisor-") && !bundle.equals("hypervisor-windows")) { // Windows: host signals
                probeBundles.add(bundle);
            }
        }
        assertThat(probeBundles).hasSizeGreaterThan(4);
        String detectorPom = read("bundles/hypervisor/pom.xml");
        String scenarios = read("bundles/hypervisor/src/test/java/io/hwplatform/hypervisor/internal/ScenarioTest.java");
        String options = read("itests/src/test/java/io/hwplatform/itests/PlatformOptions.java");
        String hypervisorGroup = options.substring(options.indexOf("static Option hypervisor()"));
        hypervisorGroup = hypervisorGroup.substring(0, hypervisorGroup.indexOf('}'));
        for (String bundle : probeBundles) {
            assertThat(detectorPom).as("a test dependency of the detector").contains("<artifactId>" + bundle + "</artifactId>");
            assertThat(scenarios).as("ScenarioTest.ALL_PROBES").contains("new " + probeClass(bundle) + "()");
            assertThat(hypervisorGroup).as("PlatformOptions.hypervisor()").contains("project(\"" + bundle + "\")");
        }
    }

    /** @return the simple name of the class in a probe bundle that implements the probe SPI */
    private static String probeClass(String bundle) throws IOException {
        Pattern probe = Pattern.compile("class (\\w+) implements HypervisorProbe");
        try (Stream<Path> sources = Files.walk(ROOT.resolve("bundles").resolve(bundle).resolve("src/main/java"))) {
            for (Path source : (Iterable<Path>) sources.filter(path -> path.toString().endsWith(".java"))::iterator) {
                Matcher matcher = probe.matcher(Files.readString(source));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        throw new AssertionError(bundle + " has no class that implements HypervisorProbe");
    }

    @Test
    void noHandWrittenListOfBundlesIsLeftInTheReadme() throws IOException {
        assertThat(read("README.md")).doesNotContain("hypervisor-others numa numa-linux");
    }

    private static Set<String> distribution() throws IOException {
        Set<String> bundles = matches(read("distribution/pom.xml"),
                "<groupId>io\\.hwplatform</groupId><artifactId>([\\w-]+)</artifactId>");
        assertThat(bundles).hasSizeGreaterThan(10);
        return bundles;
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }
}
