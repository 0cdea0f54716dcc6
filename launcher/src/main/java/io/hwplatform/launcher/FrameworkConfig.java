package io.hwplatform.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Felix configuration of the embedded runtime. Pure: everything it depends on comes in as arguments. */
final class FrameworkConfig {

    /** Start level of the Gogo shell bundle: after everything else, so its prompt sees every command. */
    static final int SHELL_START_LEVEL = 3;

    private FrameworkConfig() {}

    /**
     * @param storage a fresh directory for the bundle cache; the runtime is rebuilt from the jar at every start
     * @param deploy the File Install directory, or {@code null} to run without File Install
     * @param interactive whether the Gogo shell should read the terminal
     * @param http where Felix HTTP listens, or empty when it is not installed at all
     */
    static Map<String, Object> of(Path storage, Path deploy, boolean interactive, Optional<HttpAddress> http) {
        Map<String, Object> config = new HashMap<>();
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.startlevel.beginning", String.valueOf(SHELL_START_LEVEL));
        config.put("felix.log.level", "1");
        config.put("felix.log.logger", new StderrLogger());
        if (deploy != null) {
            config.put("felix.fileinstall.dir", deploy.toString());
            config.put("felix.fileinstall.poll", "250"); // a dropped backend takes over within a second
            config.put("felix.fileinstall.noInitialDelay", "true");
            config.put("felix.fileinstall.log.level", "1");
        }
        http.ifPresent(address -> {
            config.put("org.osgi.service.http.port", String.valueOf(address.port()));
            address.host().ifPresent(host -> config.put("org.apache.felix.http.host", host));
            config.put("org.apache.felix.https.enable", "false");
        });
        if (!interactive) {
            // The launcher runs the commands itself; the shell bundle only contributes its built-ins (echo, grep, ...).
            config.put("gosh.args", "--nointeractive");
        }
        return config;
    }
}
