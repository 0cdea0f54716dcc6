package io.hwplatform.hypervisor.windows.internal;

import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.LiveHostSignals;
import org.osgi.service.component.annotations.Component;

/** The live Windows machine's signals, for the detector; this bundle resolves only on Windows. */
@Component
public final class WindowsLiveSignals implements LiveHostSignals {

    private final WindowsRegistry registry = new JnaWindowsRegistry();

    @Override
    public HostSignals open() {
        return new WindowsHostSignals(registry);
    }
}
