package io.hwplatform.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The framework's log, sent to stderr: stdout belongs to command output (a {@code --json} document must be the only
 * thing there), and Felix's own logger would print to stdout.
 */
final class StderrLogger extends org.apache.felix.framework.Logger {

    private static final String[] LEVELS = {"", "ERROR", "WARNING", "INFO", "DEBUG"};

    @Override
    protected void doLog(Bundle bundle, ServiceReference serviceReference, int level, String message,
            Throwable throwable) {
        StringBuilder line = new StringBuilder("hwplatform: ")
                .append(level > 0 && level < LEVELS.length ? LEVELS[level] : "LOG").append(": ");
        if (bundle != null) {
            line.append('[').append(bundle.getSymbolicName()).append("] ");
        }
        line.append(message);
        if (throwable != null) {
            line.append(": ").append(throwable);
        }
        System.err.println(line);
    }
}
