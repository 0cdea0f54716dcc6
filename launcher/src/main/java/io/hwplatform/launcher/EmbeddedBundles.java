package io.hwplatform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The bundle jars the build embedded under {@code bundles/} in the launcher jar (or its classes directory). */
final class EmbeddedBundles {

    static final String FOLDER = "bundles/";

    private EmbeddedBundles() {}

    /** @return the resource names, e.g. {@code bundles/io.hwplatform.api.jar}, sorted */
    static List<String> list() {
        try {
            Path origin = Path.of(EmbeddedBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = Files.isDirectory(origin) ? listDirectory(origin) : listJar(origin);
            Collections.sort(names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the embedded bundles", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }

    /** Opens one embedded bundle for installation. */
    static InputStream open(String name) {
        InputStream in = EmbeddedBundles.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("embedded bundle vanished: " + name);
        }
        return in;
    }

    private static List<String> listJar(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (isBundle(entry.getName())) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }

    private static List<String> listDirectory(Path classes) throws IOException {
        Path folder = classes.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.map(file -> FOLDER + file.getFileName()).filter(EmbeddedBundles::isBundle)
                    .toList());
        }
    }

    private static boolean isBundle(String name) {
        return name.startsWith(FOLDER) && name.endsWith(".jar") && name.indexOf('/', FOLDER.length()) < 0;
    }
}
