package io.hwplatform.hypervisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import io.hwplatform.api.hypervisor.spi.HypervisorProbe;
import io.hwplatform.hypervisor.hyperv.internal.HypervProbe;
import io.hwplatform.hypervisor.kvm.internal.KvmProbe;
import io.hwplatform.hypervisor.others.internal.OthersProbe;
import io.hwplatform.hypervisor.vmware.internal.VmwareProbe;
import io.hwplatform.hypervisor.xen.internal.XenProbe;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.probe.LinuxHostSignals;
import io.hwplatform.testsupport.FixtureTrees;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every probe over every captured tree: the verdict, cloud, container, Xen role and balloon each tree stands for. */
class ScenarioTest {

    static final List<HypervisorProbe> ALL_PROBES = List.of(new HostProbe(), new KvmProbe(), new VmwareProbe(),
            new HypervProbe(), new XenProbe(), new OthersProbe());

    @TempDir
    Path temp;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // tree, type, cloud, container, balloon kind, balloon bound
                Arguments.of("kvm-q35", HypervisorType.KVM, null, null, BalloonKind.VIRTIO, true),
                Arguments.of("kvm-firecracker-no-dmi", HypervisorType.KVM, null, null, BalloonKind.VIRTIO, true),
                Arguments.of("kvm-hyperv-enlightenments", HypervisorType.KVM, null, null, BalloonKind.VIRTIO, false),
                Arguments.of("qemu-tcg", HypervisorType.QEMU, null, null, null, false),
                Arguments.of("qemu-tcg-vmware-smbios", HypervisorType.VMWARE, null, null, null, false),
                Arguments.of("vmware-x86", HypervisorType.VMWARE, null, null, BalloonKind.VMWARE, true),
                Arguments.of("vmware-arm", HypervisorType.VMWARE, null, null, null, false),
                Arguments.of("hyperv", HypervisorType.HYPERV, null, null, BalloonKind.HYPERV, true),
                Arguments.of("azure", HypervisorType.HYPERV, "azure", null, BalloonKind.HYPERV, false),
                Arguments.of("xen-pv-domu", HypervisorType.XEN, null, null, BalloonKind.XEN, true),
                Arguments.of("xen-hvm-domu", HypervisorType.XEN, null, null, BalloonKind.XEN, true),
                Arguments.of("xen-dom0", HypervisorType.XEN, null, null, BalloonKind.XEN, true),
                Arguments.of("aws-nitro", HypervisorType.KVM, "aws", null, null, false),
                Arguments.of("aws-metal", HypervisorType.NONE, "aws", null, null, false),
                Arguments.of("aws-xen-hvm", HypervisorType.XEN, "aws", null, null, false),
                Arguments.of("gce", HypervisorType.KVM, "gcp", null, BalloonKind.VIRTIO, true),
                Arguments.of("virtualbox", HypervisorType.VIRTUALBOX, null, null, null, false),
                Arguments.of("parallels", HypervisorType.PARALLELS, null, null, null, false),
                Arguments.of("bhyve", HypervisorType.BHYVE, null, null, null, false),
                Arguments.of("bare-metal", HypervisorType.NONE, null, null, null, false),
                Arguments.of("surface-laptop", HypervisorType.NONE, null, null, null, false),
                Arguments.of("docker-in-kvm", HypervisorType.KVM, null, "docker", BalloonKind.VIRTIO, true),
                Arguments.of("podman-in-vmware", HypervisorType.VMWARE, null, "podman", null, false),
                Arguments.of("virtualbox-pci-only", HypervisorType.VIRTUALBOX, null, null, null, false),
                Arguments.of("vmware-proc-pci", HypervisorType.VMWARE, null, null, null, false),
                Arguments.of("qemu-pci-only", HypervisorType.KVM, null, null, null, false),
                Arguments.of("power-kvm-guest", HypervisorType.KVM, null, null, null, false),
                Arguments.of("power-nv-bare-metal", HypervisorType.NONE, null, null, null, false),
                Arguments.of("powervm-lpar", HypervisorType.POWERVM, null, null, null, false),
                Arguments.of("kvmtool-x86", HypervisorType.KVM, null, null, null, false),
                Arguments.of("kvmtool-arm", HypervisorType.KVM, null, null, null, false),
                Arguments.of("xen-arm-guest", HypervisorType.XEN, null, null, null, false),
                Arguments.of("sparc-ldom", HypervisorType.LDOMS, null, null, null, false),
                Arguments.of("qemu-bochs-firmware", HypervisorType.QEMU, null, null, null, false));
    }

    @ParameterizedTest(name = "{0} is decided by {1}")
    @CsvSource({
        "virtualbox-pci-only, pci 80ee:cafe (VirtualBox guest service)",
        "vmware-proc-pci, pci 15ad:0740 (VMware virtual device)",
        "qemu-pci-only, pci 1af4:1000 (virtio device (QEMU with or without KVM))"})
    void thePciBusDecidesWhereNothingElseTells(String tree, String source) {
        HypervisorInfo info = detect(tree);

        assertThat(info.decidedBy()).as("%s", info.evidence()).isEqualTo(source);
        assertThat(info.evidence()).anyMatch(row -> row.source().endsWith("pci/devices") && row.observed().contains(
                source.substring(4, 13)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("scenarios")
    void verdictMatchesTheTree(String tree, HypervisorType type, String cloud, String container, BalloonKind balloon,
            boolean bound) {
        HypervisorInfo info = detect(tree);

        assertThat(info.type()).as("type; decided by %s; evidence %s", info.decidedBy(), info.evidence())
                .isEqualTo(type);
        assertThat(info.cloud()).as("cloud").isEqualTo(cloud);
        assertThat(info.container()).as("container").isEqualTo(container);
        if (balloon == null) {
            assertThat(info.balloon()).as("balloon").isNull();
        } else {
            assertThat(info.balloon()).as("balloon").isNotNull();
            assertThat(info.balloon().kind()).isEqualTo(balloon);
            assertThat(info.balloon().bound()).as("bound").isEqualTo(bound);
        }
        if (type == HypervisorType.NONE) {
            assertThat(info.decidedBy()).isEqualTo("no signal shows a hypervisor");
            assertThat(info.evidence()).as("every signal read is shown, none decides").isNotEmpty()
                    .noneMatch(row -> row.meaning().startsWith("DECIDES"));
        } else {
            assertThat(info.evidence()).as("the deciding evidence is marked")
                    .anyMatch(row -> row.meaning().startsWith("DECIDES"));
        }
    }

    @Test
    void everyTreeHasAScenario() {
        assertThat(scenarios().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(FixtureTrees.names());
    }

    @Test
    void xenRolesAndModes() {
        assertThat(detect("xen-pv-domu").xen()).isEqualTo(new XenRole(XenRole.Domain.DOMU, XenRole.Mode.PV));
        assertThat(detect("xen-hvm-domu").xen()).isEqualTo(new XenRole(XenRole.Domain.DOMU, XenRole.Mode.HVM));
        assertThat(detect("xen-dom0").xen()).isEqualTo(new XenRole(XenRole.Domain.DOM0, XenRole.Mode.PV));
        assertThat(detect("aws-xen-hvm").xen()).isEqualTo(new XenRole(XenRole.Domain.DOMU, XenRole.Mode.HVM));
        assertThat(detect("kvm-q35").xen()).isNull();
    }

    @Test
    void kvmWithHypervEnlightenmentsIsDecidedByTheSignatureAtTheHigherLeaf() {
        HypervisorInfo info = detect("kvm-hyperv-enlightenments");

        assertThat(info.decidedBy()).startsWith("cpuid 0x40000100");
        assertThat(info.evidence()).anyMatch(row -> row.source().equals("cpuid 0x40000000")
                && row.meaning().equals("hypervisor HYPERV"));
    }

    @Test
    void emulationDefersToFirmware() {
        assertThat(detect("qemu-tcg-vmware-smbios").decidedBy()).startsWith("/sys/class/dmi/id/product_name");
        assertThat(detect("qemu-tcg").decidedBy()).startsWith("/sys/class/dmi/id/sys_vendor = QEMU");
    }

    @Test
    void vendorAndProductComeFromTheFirmware() {
        HypervisorInfo info = detect("kvm-q35");
        assertThat(info.vendor()).isEqualTo("QEMU");
        assertThat(info.product()).isEqualTo("Standard PC (Q35 + ICH9, 2009)");
        assertThat(detect("kvm-firecracker-no-dmi").vendor()).isNull();
    }

    @Test
    void withoutTheKvmProbeKvmIsJustSomeHypervisor() {
        List<HypervisorProbe> withoutKvm = ALL_PROBES.stream().filter(probe -> !probe.name().equals("kvm")).toList();
        HypervisorInfo info = Detection.run(signals(FixtureTrees.copy("kvm-q35", temp)), withoutKvm, temp.toString());

        assertThat(info.type()).isEqualTo(HypervisorType.OTHER);
        assertThat(info.balloon()).isNull();
        assertThat(info.evidence()).anyMatch(row -> row.meaning().contains("unknown hypervisor signature"));
    }

    HypervisorInfo detect(String tree) {
        Path root = temp.resolve(tree);
        return Detection.run(signals(FixtureTrees.copy(tree, root)), ALL_PROBES, root.toString());
    }

    static LinuxHostSignals signals(Path tree) {
        return new LinuxHostSignals(HostRoot.of(tree.toString()));
    }
}
