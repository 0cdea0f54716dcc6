package io.hwplatform.memory.linux.internal;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.api.memory.spi.PressureSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** The whole guest's memory pressure: {@code /proc/pressure/memory}, what balloon inflation shows up as. */
@Component(service = PressureSource.class, property = PressureSource.NAME + "=psi",
        configurationPid = "io.hwplatform.memory.psi")
@Designate(ocd = PsiConfig.class)
public final class SystemPsiSource extends PsiSource {

    static final String PATH = "/proc/pressure/memory";

    @Activate
    public SystemPsiSource(BundleContext context, PsiConfig config) {
        this(HostRoot.of(context.getProperty(HostRoot.PROPERTY)), config);
    }

    SystemPsiSource(HostRoot root, PsiConfig config) {
        super("psi", root, PATH, null, config, null);
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }
}
