package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
