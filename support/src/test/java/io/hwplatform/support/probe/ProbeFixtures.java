package io.hwplatform.support.probe;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.testsupport.FixtureTrees;
import java.nio.file.Path;
import java.util.List;

/** What every probe bundle's tests do: run one probe over a copy of a captured tree, and sort its findings. */
public final class ProbeFixtures {

    private ProbeFixtures() {}

    /** @return what the probe finds in a copy of the named tree, made under {@code temp} */
    public static List<Finding> examine(HypervisorProbe probe, String tree, Path temp) {
        Path copy = FixtureTrees.copy(tree, temp.resolve(tree));
        return probe.examine(new LinuxHostSignals(HostRoot.of(copy.toString())));
    }

    /** @return the hypervisors the findings claim, each once, in the order first claimed */
    public static List<HypervisorType> types(List<Finding> findings) {
        return findings.stream().filter(Finding.Hypervisor.class::isInstance)
                .map(finding -> ((Finding.Hypervisor) finding).type()).distinct().toList();
    }

    public static List<Finding.BalloonDriver> balloons(List<Finding> findings) {
        return findings.stream().filter(Finding.BalloonDriver.class::isInstance).map(Finding.BalloonDriver.class::cast)
                .toList();
    }
}
