package io.hwplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md, checked on the bundles as built: only the API bundle exports packages, and only
 * {@code io.hwplatform.api} ones; no bundle imports another's {@code internal} package or the support helpers (they
 * are copied in, never shared); an SPI package is imported only by bundles that provide or consume it, never by the
 * example application.
 */
class ImportRulesTest {

    private static final Path BUNDLES = Path.of("..", "bundles").toAbsolutePath().normalize();
    /** A package name in a manifest header, at the start or after a comma (not inside a {@code uses:=} list). */
    private static final Pattern PACKAGE = Pattern.compile("(?:^|,)(io\\.hwplatform[\\w.]*)");

    @Test
    void onlyTheApiBundleExportsAndOnlyApiPackages() throws IOException {
        for (Path jar : bundleJars()) {
            List<String> exported = packages(manifest(jar).getMainAttributes().getValue("Export-Package"));
            if (jar.getFileName().toString().startsWith("api-")) {
                assertThat(exported).as(jar.toString()).isNotEmpty().allMatch(name -> name.startsWith("io.hwplatform.api."));
            } else {
                assertThat(exported).as("%s exports", jar).isEmpty();
            }
        }
    }

    @Test
    void noBundleImportsAnotherBundlesInsidesOrTheSharedHelpers() throws IOException {
        for (Path jar : bundleJars()) {
            List<String> imported = packages(manifest(jar).getMainAttributes().getValue("Import-Package"));
            assertThat(imported).as("%s imports", jar)
                    .noneMatch(name -> name.contains(".internal"))
                    .noneMatch(name -> name.startsWith("io.hwplatform.support"))
                    .allMatch(name -> name.startsWith("io.hwplatform.api."));
            if (jar.getFileName().toString().startsWith("example-cache-")) {
                assertThat(imported).as("an application uses the API, not the SPI").noneMatch(name -> name.endsWith(".spi"));
            }
        }
    }

    private static List<Path> bundleJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> modules = Files.list(BUNDLES)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path target = module.resolve("target");
                if (Files.isDirectory(target)) {
                    try (Stream<Path> files = Files.list(target)) {
                        files.filter(file -> file.getFileName().toString().matches(module.getFileName() + "-\\d.*\\.jar"))
                                .forEach(jars::add);
                    }
                }
            }
        }
        assertThat(jars).as("bundles built under %s", BUNDLES).hasSizeGreaterThan(10);
        return jars;
    }

    private static Manifest manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    /** @return the package names a header lists, without attributes and without the packages in {@code uses:=} */
    private static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        String withoutUses = header.replaceAll("uses:=\"[^\"]*\"", "").replaceAll("version=\"[^\"]*\"", "");
        Matcher matcher = PACKAGE.matcher(withoutUses.replace(" ", ""));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
