package io.hwplatform.launcher;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code hwplatform.jar}: boots the embedded runtime, then either opens the Gogo shell or runs the
 * command line of {@code -c} and exits with its outcome.
 */
public final class Main {

    static final String ROOT_PROPERTY = "hwplatform.root";
    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Main() {}

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hwplatform: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        Optional<String> badRoot = options.root().flatMap(Main::whyNotARoot);
        if (badRoot.isPresent()) {
            System.err.println("hwplatform: " + badRoot.get());
            System.exit(2);
            return;
        }
        options.root().ifPresent(root -> System.setProperty(ROOT_PROPERTY, root));
        // Felix HTTP and the health checks log through slf4j's simple logger, to stderr: warnings and errors only
        // (a port already taken, say), unless the user asks for more
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
        if (options.daemon()) {
            System.exit(Daemon.run(options.http()));
        }
        System.exit(options.commandLine().isPresent() ? runCommands(options) : runShell(options));
    }

    /**
     * Runs each command of the line in one session, printing every non-null result on stdout. Stdout carries
     * nothing else: whatever the framework and its bundles print (Event Admin warns on System.out at shutdown, for
     * one) is sent to stderr, so that {@code -c '... --json'} prints exactly one JSON document.
     */
    private static int runCommands(LaunchOptions options) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        List<String> commands;
        try {
            commands = CommandLines.split(options.commandLine().orElseThrow());
        } catch (IllegalArgumentException e) {
            System.err.println("hwplatform: " + e.getMessage());
            return 2;
        }
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(existingDeploy(), false, options.http());
                GogoSession session = GogoSession.open(runtime.framework().getBundleContext(),
                        new ByteArrayInputStream(new byte[0]), stdout, System.err)) {
            reportStartup(options.verbose(), runtime);
            if (options.verbose()) {
                reportHttp(options.http());
            }
            for (String command : commands) {
                Object result = session.execute(command);
                if (result != null) {
                    stdout.println(session.format(result));
                }
            }
            stdout.flush();
            return 0;
        } catch (Exception e) {
            stdout.flush();
            System.err.println("hwplatform: " + describe(e));
            return 1;
        }
    }

    /** Opens the interactive shell and returns when the framework stops. */
    private static int runShell(LaunchOptions options) {
        Path deploy = Path.of("deploy").toAbsolutePath();
        try {
            Files.createDirectories(deploy);
            EmbeddedRuntime runtime = EmbeddedRuntime.start(deploy, true, options.http());
            Thread stopOnSignal = new Thread(runtime::close, "hwplatform-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            reportStartup(true, runtime);
            reportHttp(options.http());
            System.err.println("hwplatform: watching " + deploy + " for bundles and .cfg files; "
                    + "'platform:capabilities' lists what is known, 'help' the commands, Ctrl-D stops");
            runtime.awaitStop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException exiting) {
                return 0; // 'exit 0' in the shell exits the JVM; the hook is closing the runtime
            }
            runtime.close();
            return 0;
        } catch (Exception e) {
            System.err.println("hwplatform: " + describe(e));
            return 1;
        }
    }

    /** @return {@code ./deploy} when it exists, for File Install; null (no File Install) when it does not */
    static Path existingDeploy() {
        Path deploy = Path.of("deploy").toAbsolutePath();
        return Files.isDirectory(deploy) ? deploy : null;
    }

    /**
     * @return why {@code --root} cannot be a captured tree (it does not exist, or is not a directory); empty when it
     *     can. A damaged tree is fine: every reader reports what it finds there.
     */
    static Optional<String> whyNotARoot(String root) {
        Path path = Path.of(root);
        if (!Files.exists(path)) {
            return Optional.of("--root " + root + ": no such directory");
        }
        if (!Files.isDirectory(path)) {
            return Optional.of("--root " + root + ": not a directory");
        }
        return Optional.empty();
    }

    static void reportStartup(boolean print, EmbeddedRuntime runtime) {
        if (!print) {
            return;
        }
        // Read after the runtime is up, so loading the management classes does not count in what is measured.
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("hwplatform: ready " + sinceJvmStart + " ms after the JVM started ("
                + runtime.startupPhases() + "; root " + System.getProperty(ROOT_PROPERTY, "/") + ")");
    }

    static void reportHttp(Optional<HttpAddress> http) {
        http.ifPresent(address -> System.err.println("hwplatform: serving " + address.url() + "/metrics and "
                + address.url() + HealthEndpoint.PATH));
    }

    /**
     * @return what went wrong in one line: the message of the exception a command threw, not of the reflective
     *     wrappers Gogo and the launcher put around it
     */
    static String describe(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && (shown instanceof InvocationTargetException
                || shown instanceof UndeclaredThrowableException || shown.getMessage() == null
                || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.toString();
        }
        return shown instanceof Error ? shown.getClass().getName() + ": " + message : message;
    }
}
