package io.hwplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Semantic versioning of the API, checked by bnd's own baseline: the packages as built here against the API as it
 * was released ({@code src/test/baseline}, 1.0.0). Every package changed since must carry at least the version its
 * changes demand (a method added to a consumer type: a minor step; a type moved away: a major one). A release
 * replaces the baseline jar with its own API jar. Offline and in every build, unlike a baseline that must fetch the
 * release from a repository.
 */
class ApiBaselineTest {

    private static final Path RELEASED = Path.of("src", "test", "baseline", "api-1.0.0.jar");
    /** The classes and the manifest bnd wrote at process-classes, which is what the jar is made of. */
    private static final Path BUILT = Path.of("target", "classes");

    @Test
    void everyPackageIsVersionedAsItsChangesSinceTheReleaseDemand() throws Exception {
        try (Processor reporter = new Processor(); Jar built = new Jar("api", BUILT.toFile());
                Jar released = new Jar(RELEASED.toFile())) {
            Set<Baseline.Info> packages = new Baseline(reporter, new DiffPluginImpl()).baseline(built, released, null);

            List<String> mismatches = packages.stream().filter(info -> info.mismatch)
                    .map(info -> info.packageName + " " + info.newerVersion + ": its changes since "
                            + info.olderVersion + " ask for " + info.suggestedVersion + " (" + info.reason + ")")
                    .toList();
            assertThat(mismatches).as("packages whose version does not match their changes").isEmpty();
            assertThat(reporter.getErrors()).isEmpty();

            Map<String, Delta> changes = packages.stream()
                    .collect(Collectors.toMap(info -> info.packageName, info -> info.packageDiff.getDelta()));
            System.out.println("API since 1.0.0: " + packages.stream().map(info -> info.packageName + " "
                    + info.olderVersion + " -> " + info.newerVersion + " (" + info.packageDiff.getDelta() + ")")
                    .sorted().collect(Collectors.joining(", ")));
            assertThat(changes).as("the comparison saw the API's history")
                    .containsEntry("io.hwplatform.api.numa", Delta.MAJOR) // the SPI moved to api.numa.spi
                    .containsEntry("io.hwplatform.api.numa.spi", Delta.ADDED)
                    .containsEntry("io.hwplatform.api.host", Delta.REMOVED); // parsers left the API
        }
    }
}
