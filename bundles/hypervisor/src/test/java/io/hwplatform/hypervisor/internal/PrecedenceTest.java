package io.hwplatform.hypervisor.internal;

import static io.hwplatform.api.hypervisor.HypervisorType.HYPERV;
import static io.hwplatform.api.hypervisor.HypervisorType.KVM;
import static io.hwplatform.api.hypervisor.HypervisorType.NONE;
import static io.hwplatform.api.hypervisor.HypervisorType.OTHER;
import static io.hwplatform.api.hypervisor.HypervisorType.QEMU;
import static io.hwplatform.api.hypervisor.HypervisorType.VIRTUALBOX;
import static io.hwplatform.api.hypervisor.HypervisorType.VMWARE;
import static io.hwplatform.api.hypervisor.HypervisorType.XEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.XenRole;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.Signal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The order of precedence on hand-made findings, including the cases systemd gets wrong. */
class PrecedenceTest {

    private static final SortedMap<Integer, String> NO_SIGNATURES = new TreeMap<>();

    @Test
    void nothingAtAllIsBareMetal() {
        assertThat(decide(List.of())).isEqualTo(new Precedence.Decision(NONE, "no signal shows a hypervisor"));
    }

    @Test
    void virtualBoxFirmwareBeatsTheKvmSignatureItShows() {
        assertThat(decide(List.of(claim(KVM, Signal.CPUID, 0x4000_0000L, "cpuid 0x40000000"),
                claim(VIRTUALBOX, Signal.FIRMWARE, 0, "product_name"))).type()).isEqualTo(VIRTUALBOX);
    }

    @Test
    void cpuidBeatsFirmwareForKvm() {
        assertThat(decide(List.of(claim(QEMU, Signal.FIRMWARE, 1, "sys_vendor"),
                claim(KVM, Signal.CPUID, 0x4000_0000L, "cpuid"))).type()).isEqualTo(KVM);
    }

    @Test
    void aKnownSignatureAtAHigherLeafBeatsMicrosoftHv() {
        assertThat(decide(List.of(claim(HYPERV, Signal.CPUID, 0x4000_0000L, "cpuid 0x40000000"),
                claim(XEN, Signal.CPUID, 0x4000_0100L, "cpuid 0x40000100"))).source()).isEqualTo("cpuid 0x40000100");
    }

    @Test
    void microsoftHvAloneIsHypervOnlyWhenNothingLaterDecides() {
        List<Finding> hypervOnly = List.of(claim(HYPERV, Signal.CPUID, 0x4000_0000L, "cpuid"));
        assertThat(decide(hypervOnly).type()).isEqualTo(HYPERV);
        List<Finding> withQemuFirmware = List.of(claim(HYPERV, Signal.CPUID, 0x4000_0000L, "cpuid"),
                claim(QEMU, Signal.FIRMWARE, 1, "sys_vendor"));
        assertThat(decide(withQemuFirmware).type()).isEqualTo(QEMU);
    }

    @Test
    void kvmClockStandsInForUnreadableCpuid() {
        assertThat(decide(List.of(claim(QEMU, Signal.FIRMWARE, 1, "sys_vendor"),
                claim(HYPERV, Signal.PARAVIRT_CLOCK, 0, "clock"),
                claim(KVM, Signal.PARAVIRT_CLOCK, 0, "clock"))).type()).isEqualTo(KVM);
    }

    @Test
    void emulationLetsFirmwareDecide() {
        assertThat(decide(List.of(claim(QEMU, Signal.CPUID, 0x4000_0000L, "cpuid"),
                claim(VMWARE, Signal.FIRMWARE, 0, "product_name"))).type()).isEqualTo(VMWARE);
        assertThat(decide(List.of(claim(QEMU, Signal.CPUID, 0x4000_0000L, "cpuid"))).type()).isEqualTo(QEMU);
    }

    @Test
    void firstFirmwareFieldWins() {
        assertThat(decide(List.of(claim(QEMU, Signal.FIRMWARE, 1, "sys_vendor"),
                claim(KVM, Signal.FIRMWARE, 0, "product_name"))).type()).isEqualTo(KVM);
    }

    @Test
    void dom0IsXenUnlessCpuidNamesAnotherHypervisor() {
        Finding dom0 = new Finding.Xen(new XenRole(XenRole.Domain.DOM0, XenRole.Mode.PV), "/proc/xen/capabilities");
        assertThat(decide(List.of(dom0, claim(OTHER, Signal.PRESENCE, 0, "cpuinfo"))).type()).isEqualTo(XEN);
        assertThat(decide(List.of(dom0, claim(VMWARE, Signal.CPUID, 0x4000_0000L, "cpuid"))).type()).isEqualTo(VMWARE);
    }

    @Test
    void unknownSignatureOrCpuFlagIsSomeOtherHypervisor() {
        SortedMap<Integer, String> unknown = new TreeMap<>();
        unknown.put(0x4000_0000, "NewVisorNewV");
        assertThat(Precedence.decide(List.of(), unknown)).isEqualTo(new Precedence.Decision(OTHER, "cpuid 0x40000000"));
        assertThat(decide(List.of(claim(OTHER, Signal.PRESENCE, 0, "/proc/cpuinfo"))).type()).isEqualTo(OTHER);
    }

    @Test
    void lateSignalsDecideInOrder() {
        assertThat(decide(List.of(claim(HYPERV, Signal.BUS, 0, "vmbus"),
                claim(XEN, Signal.HYPERVISOR_SYSFS, 0, "/sys/hypervisor/type"))).type()).isEqualTo(XEN);
    }

    private static Precedence.Decision decide(List<Finding> findings) {
        return Precedence.decide(findings, NO_SIGNATURES);
    }

    private static Finding claim(HypervisorType type, Signal signal, long order, String source) {
        return new Finding.Hypervisor(type, signal, order, source);
    }
}
