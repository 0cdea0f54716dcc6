package io.hwplatform.api.hypervisor.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The signals of the machine this JVM runs on, for an operating system whose facts are not files (Windows keeps them
 * in the registry). A bundle for that OS registers one and declares {@code osgi.native} for it, so that the framework
 * resolves it only there; the OS is chosen by resolution, not by {@code os.name} in code.
 *
 * <p>The detector uses the best-ranked one while {@code hwplatform.root} is the live machine, and reads files under
 * the root otherwise: a captured tree is Linux's sysfs and procfs whatever the OS examining it.
 *
 * @since 1.1
 */
@ConsumerType
public interface LiveHostSignals {

    /** @return fresh signals for one detection: each source read at most once, every read kept as evidence */
    HostSignals open();
}
