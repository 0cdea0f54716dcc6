package io.hwplatform.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import sun.misc.Signal;

/**
 * {@code --daemon}: the runtime without a shell, for systemd and Kubernetes. It reads no stdin (a service has none),
 * writes everything to stderr (the journal, {@code kubectl logs}), and on SIGTERM or SIGINT stops the framework, which
 * stops every bundle in the reverse order of their start, then exits 0: a stop asked for is no failure.
 */
final class Daemon {

    private Daemon() {}

    /** @return the exit status: 0 after a stop by signal, 1 when the runtime could not start */
    static int run(Optional<HttpAddress> http) {
        PrintStream log = System.err; // the real stream, whatever a bundle sets System.err to later
        System.setOut(log);
        Path deploy = Main.existingDeploy();
        EmbeddedRuntime runtime;
        try {
            runtime = EmbeddedRuntime.startWithoutShell(deploy, http);
        } catch (Exception e) {
            log.println("hwplatform: " + Main.describe(e));
            return 1;
        }
        Runnable stop = () -> {
            log.println("hwplatform: stopping");
            runtime.close();
        };
        // A handler instead of the JVM's default, which exits 143 for SIGTERM; sun.misc.Signal is the JDK's one
        // supported way (jdk.unsupported) to handle a signal.
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
        Main.reportStartup(true, runtime);
        Main.reportHttp(http);
        log.println("hwplatform: running as a daemon"
                + (deploy != null ? ", watching " + deploy : "") + "; SIGTERM stops it");
        try {
            runtime.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtime.close(); // idempotent: waits for the stop a signal began, and removes the bundle cache
        log.println("hwplatform: stopped");
        return 0;
    }
}
