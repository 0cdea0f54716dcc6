package io.hwplatform.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The detector with its probes as bundles, reading a captured KVM guest through {@code hwplatform.root}: probe bundles
 * come and go, and the verdict and capabilities follow.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HypervisorDetectorIT {

    @Inject
    private HypervisorDetector detector;

    @Inject
    private CapabilityRegistry registry;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(frameworkProperty("hwplatform.root").value(kvmGuestWithoutRoot().toString()),
                PlatformOptions.base(), PlatformOptions.hypervisor(), PlatformOptions.memory());
    }

    @Test
    public void capturedTreeIsAKvmGuestWithABoundVirtioBalloon() {
        HypervisorInfo info = detector.info();

        assertEquals(HypervisorType.KVM, info.type());
        assertEquals(BalloonKind.VIRTIO, info.balloon().kind());
        assertTrue(info.balloon().bound());
        assertEquals(context.getProperty("hwplatform.root"), info.root());
        assertTrue(registry.find("hypervisor.kvm").isPresent());
        assertEquals("kvm", registry.find("hypervisor").orElseThrow().attributes().get("hypervisor.type"));
        assertEquals(true, registry.find("balloon.virtio").orElseThrow().attributes().get("balloon.bound"));
    }

    /** Every capability derived from the verdict follows it: the detector's and the memory governor's balloon. */
    @Test
    public void stoppingTheKvmProbeTakesTheVerdictAwayAndStartingItBringsItBack() throws Exception {
        Bundle kvmProbe = PlatformOptions.installed(context, "io.hwplatform.hypervisor.kvm");
        assertEquals("virtio", registry.find("balloon").orElseThrow().attributes().get("balloon.kind"));

        kvmProbe.stop();
        HypervisorInfo withoutKvm = detector.info();
        assertEquals("only the CPU flag is left: some hypervisor", HypervisorType.OTHER, withoutKvm.type());
        assertFalse(registry.find("hypervisor.kvm").isPresent());
        assertFalse(registry.find("balloon.virtio").isPresent());
        assertFalse("the governor's balloon follows the verdict", registry.find("balloon").isPresent());
        assertTrue(registry.find("hypervisor.other").isPresent());
        assertEquals("other", registry.find("hypervisor").orElseThrow().attributes().get("hypervisor.type"));

        kvmProbe.start();
        assertEquals(HypervisorType.KVM, detector.info().type());
        assertTrue(registry.find("hypervisor.kvm").isPresent());
        assertTrue(registry.find("balloon.virtio").isPresent());
        assertEquals("virtio", registry.find("balloon").orElseThrow().attributes().get("balloon.kind"));
        assertFalse(registry.find("hypervisor.other").isPresent());
    }

    @Test
    public void stoppingTheDetectorWithdrawsItsCapabilities() throws Exception {
        Bundle detectorBundle = PlatformOptions.installed(context, "io.hwplatform.hypervisor");
        detectorBundle.stop();
        assertFalse(registry.find("hypervisor").isPresent());
        detectorBundle.start();
        assertTrue(registry.find("hypervisor").isPresent());
    }

    /**
     * A KVM guest as an unprivileged user sees it: no DMI, no readable CPUID, the CPU's hypervisor flag, kvm-clock,
     * and a virtio balloon bound to its driver.
     */
    static Path kvmGuestWithoutRoot() {
        try {
            Path root = Files.createTempDirectory("hwplatform-kvm-guest-");
            write(root, "proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu vme de pse tsc "
                    + "msr pae cx8 apic sep pge cmov pat clflush mmx fxsr sse sse2 ht syscall nx lm hypervisor\n\n");
            write(root, "sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc kvm-clock \n");
            write(root, "sys/bus/virtio/devices/virtio0/device", "0x0005\n");
            write(root, "sys/bus/virtio/drivers/virtio_balloon/virtio0", "");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
