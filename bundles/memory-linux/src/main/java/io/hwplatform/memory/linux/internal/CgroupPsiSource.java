package io.hwplatform.memory.linux.internal;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.api.memory.spi.PressureSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * This process's cgroup's memory pressure ({@code memory.pressure} of cgroup v2): in a container, the pressure of the
 * container rather than of the whole guest. Triggers on it need write permission on the file (delegation).
 */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=psi-cgroup",
        configurationPid = "io.hwplatform.memory.psi")
public final class CgroupPsiSource extends PsiSource {

    @Activate
    public CgroupPsiSource(BundleContext context, PsiConfig config) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)), config);
    }

    CgroupPsiSource(HostRoot root, PsiConfig config) {
        super("psi-cgroup", root, CgroupLimitSource.locate(root)
                        .filter(location -> location.version() == CgroupLocator.Version.V2)
                        .map(location -> location.own() + "/memory.pressure").orElse(null),
                "no cgroup v2 memory controller of our own (cgroup v1 only, or none)", config, null);
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }
}
