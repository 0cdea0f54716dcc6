package io.hwplatform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/** Felix with the embedded bundles installed and started, in a bundle cache of its own that is removed at stop. */
final class EmbeddedRuntime implements AutoCloseable {

    private static final String SHELL_BUNDLE = "org.apache.felix.gogo.shell";
    /** A bundle's own word on when it must start, for what it publishes to be seen (the registry says 2). */
    static final String START_LEVEL_HEADER = "Hwplatform-StartLevel";
    private static final String FILE_INSTALL_BUNDLE = "org.apache.felix.fileinstall";
    /**
     * Felix HTTP: installed only for {@code --http}, so that no port is opened unless asked for (and a run without
     * it does not copy Jetty's 3 MB into the bundle cache). Named as the build embeds it: group and artifact id.
     */
    static final String HTTP_BUNDLE_JAR = EmbeddedBundles.FOLDER + "org.apache.felix.org.apache.felix.http.jetty.jar";
    /** And never started without {@code --http}, should it come in under another name. */
    private static final String HTTP_BUNDLE = "org.apache.felix.http.jetty";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Framework framework;
    private final Path storage;
    /** Milliseconds spent installing the bundles and starting them, for {@code -v}. */
    private long installMillis;
    private long startMillis;

    private EmbeddedRuntime(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * Boots the framework and waits until every bundle has been started at the final start level.
     *
     * @param deploy the directory File Install watches, or {@code null} to leave File Install out
     * @param http where to serve {@code /metrics} and the health checks, or empty to start no HTTP server
     */
    static EmbeddedRuntime start(Path deploy, boolean interactive, Optional<HttpAddress> http) throws Exception {
        return start(deploy, interactive, true, http);
    }

    /** Boots the framework without the Gogo shell bundle: a daemon has no console for a session to read. */
    static EmbeddedRuntime startWithoutShell(Path deploy, Optional<HttpAddress> http) throws Exception {
        return start(deploy, false, false, http);
    }

    private static EmbeddedRuntime start(Path deploy, boolean interactive, boolean shell, Optional<HttpAddress> http)
            throws Exception {
        Path storage = Files.createTempDirectory("hwplatform-felix-");
        Map<String, Object> config = FrameworkConfig.of(storage, deploy, interactive, http);
        @SuppressWarnings({"unchecked", "rawtypes"}) // Felix accepts objects (our logger) in its configuration
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework((Map) config);
        framework.init();
        EmbeddedRuntime runtime = new EmbeddedRuntime(framework, storage);
        try {
            long begin = System.nanoTime();
            runtime.installBundles(deploy != null, shell, http.isPresent());
            long installed = System.nanoTime();
            runtime.startAndAwait();
            if (http.isPresent()) {
                HealthEndpoint.configure(framework.getBundleContext());
            }
            runtime.installMillis = (installed - begin) / 1_000_000;
            runtime.startMillis = (System.nanoTime() - installed) / 1_000_000;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    Framework framework() {
        return framework;
    }

    /** @return where the start-up time went, e.g. {@code install 120 ms, start 300 ms} */
    String startupPhases() {
        return "install " + installMillis + " ms, start " + startMillis + " ms";
    }

    /** Blocks until the framework stops (the shell's {@code exit}, Ctrl-D, or {@link #close()}). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * Stops the framework, waiting a bounded time, and removes the bundle cache. Idempotent, and safe from two
     * threads at once (a signal handler and the main thread).
     */
    @Override
    public synchronized void close() {
        try {
            framework.stop();
            FrameworkEvent stopped = framework.waitForStop(STOP_TIMEOUT_MILLIS);
            if (stopped.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("hwplatform: the framework did not stop within " + STOP_TIMEOUT_MILLIS + " ms");
            }
        } catch (BundleException e) {
            System.err.println("hwplatform: stopping the framework failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(storage);
    }

    private void installBundles(boolean withFileInstall, boolean withShell, boolean withHttp)
            throws BundleException, IOException {
        List<Bundle> installed = new ArrayList<>();
        for (String name : EmbeddedBundles.list()) {
            if (!withHttp && name.equals(HTTP_BUNDLE_JAR)) {
                continue;
            }
            try (InputStream in = EmbeddedBundles.open(name)) {
                installed.add(framework.getBundleContext().installBundle("embedded:" + name, in));
            }
        }
        // Bundles for another operating system (osgi.native) do not resolve: they stay installed, not started.
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle bundle : installed) {
            if (bundle.getState() != Bundle.RESOLVED || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null
                    || (!withFileInstall && FILE_INSTALL_BUNDLE.equals(bundle.getSymbolicName()))
                    || (!withShell && SHELL_BUNDLE.equals(bundle.getSymbolicName()))
                    || (!withHttp && HTTP_BUNDLE.equals(bundle.getSymbolicName()))) {
                continue;
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel(bundle));
            bundle.start();
        }
    }

    /** The Gogo shell last, so that its prompt sees every command; a bundle that names its level, at it; else 1. */
    static int startLevel(Bundle bundle) {
        if (SHELL_BUNDLE.equals(bundle.getSymbolicName())) {
            return FrameworkConfig.SHELL_START_LEVEL;
        }
        String level = bundle.getHeaders().get(START_LEVEL_HEADER);
        try {
            return level == null ? 1 : Math.max(1, Math.min(FrameworkConfig.SHELL_START_LEVEL - 1,
                    Integer.parseInt(level.strip())));
        } catch (NumberFormatException garbled) {
            return 1;
        }
    }

    private void startAndAwait() throws BundleException, InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        framework.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        });
        framework.start();
        if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the framework did not start within " + START_TIMEOUT_SECONDS + " s");
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the bundle cache " + root, e);
        }
    }
}
