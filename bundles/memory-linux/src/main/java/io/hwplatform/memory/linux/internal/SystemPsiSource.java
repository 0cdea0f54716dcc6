package io.hwplatform.memory.linux.internal;

import io.hwplatform.api.host.HostRoot;
import io.hwplatform.api.memory.PressureSource;
import java.util.List;
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
        this(root, List.of(PsiTrigger.parse(config.moderate_trigger()), PsiTrigger.parse(config.critical_trigger())),
                config.sample_ms());
    }

    private SystemPsiSource(HostRoot root, List<PsiTrigger> triggers, long sampleMillis) {
        super("psi", root, PATH, null, triggers, specs(triggers), sampleMillis);
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }
}
