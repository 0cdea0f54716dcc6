package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.memory.spi.PressureSource;
import io.hwplatform.support.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * systemd's memory-pressure protocol: a service started with {@code MemoryPressureWatch=} finds the file to watch in
 * {@code $MEMORY_PRESSURE_WATCH} and the trigger to write in {@code $MEMORY_PRESSURE_WRITE} (Base64); systemd has
 * made the file writable for it. Zero configuration when the container runs as a systemd unit. Live only: a captured
 * tree has no environment.
 */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=systemd",
        configurationPid = "io.hwplatform.memory.psi")
public final class SystemdPressureSource extends PsiSource {

    @Activate
    public SystemdPressureSource(BundleContext context, PsiConfig config) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)), System.getenv(), config);
    }

    SystemdPressureSource(HostRoot root, Map<String, String> environment, PsiConfig config) {
        this(root, Handover.of(root, environment), config);
    }

    private SystemdPressureSource(HostRoot root, Handover handover, PsiConfig config) {
        super("systemd", root, handover.path(), handover.unavailable(), config, handover.write());
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }

    /**
     * What the service manager handed over.
     *
     * @param path the PSI file to watch, or null when there is nothing to watch here
     * @param write the trigger to write, or null to use the configured ones
     * @param unavailable why there is nothing to watch
     */
    record Handover(String path, byte[] write, String unavailable) {

        static Handover of(HostRoot root, Map<String, String> environment) {
            if (!root.isLive()) {
                return new Handover(null, null, "a captured tree has no service manager");
            }
            String watch = environment.get("MEMORY_PRESSURE_WATCH");
            if (watch == null || watch.isBlank()) {
                return new Handover(null, null, "not started by systemd with MemoryPressureWatch=");
            }
            if (watch.equals("/dev/null")) {
                return new Handover(null, null, "memory-pressure watching turned off by the service manager");
            }
            if (!Files.isRegularFile(Path.of(watch))) {
                return new Handover(null, null, watch + " is a FIFO or socket: only PSI files are watched");
            }
            String write = environment.get("MEMORY_PRESSURE_WRITE");
            try {
                return new Handover(watch, write == null ? null : Base64.getDecoder().decode(write.strip()), null);
            } catch (IllegalArgumentException notBase64) {
                return new Handover(null, null, "MEMORY_PRESSURE_WRITE is not Base64: " + write);
            }
        }
    }
}
