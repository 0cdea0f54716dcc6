package io.hwplatform.support.probe;

import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reading the signals most probes share, the same way everywhere. Pure functions over {@link HostSignals}.
 */
public final class ProbeSupport {

    /** Where the kernel lists the clock sources it can use. */
    public static final String CLOCKSOURCES = "/sys/devices/system/clocksource/clocksource0/available_clocksource";
    /** The CPU description; only the first CPU's block is consulted. */
    public static final String CPUINFO = "/proc/cpuinfo";
    /** s390's machine description, whose {@code VM00 Control Program} line names the hypervisor. */
    public static final String SYSINFO = "/proc/sysinfo";
    /** The flattened device tree the firmware hands to the kernel (Arm, POWER), where a hypervisor names itself. */
    public static final String DEVICE_TREE = "/proc/device-tree";
    public static final String DEVICE_TREE_HYPERVISOR = DEVICE_TREE + "/hypervisor/compatible";

    private ProbeSupport() {}

    /**
     * Matches a firmware table the way systemd does: the first identifying field (product name, system vendor, board
     * vendor, BIOS vendor, product version) whose value starts with one of the prefixes.
     *
     * @param prefixes value prefixes and their hypervisors, e.g. {@code "VMware" -> VMWARE}, the first written first
     * @return the claim, with the field's position as its order; empty when no field matches
     */
    public static Optional<Finding> firmware(HostSignals host, Signatures prefixes) {
        for (FirmwareField field : FirmwareField.values()) {
            if (!field.identifiesPlatform()) {
                continue;
            }
            Optional<String> value = host.firmware(field);
            if (value.isEmpty()) {
                continue;
            }
            Optional<Signatures.Signature> match = prefixes.prefixOf(value.get());
            if (match.isPresent()) {
                return Optional.of(new Finding.Hypervisor(match.get().type(), Signal.FIRMWARE, field.ordinal(),
                        host.firmwareSource(field)));
            }
        }
        return Optional.empty();
    }

    /**
     * @param signatures CPUID vendor signature (trailing NULs dropped) to hypervisor, e.g. {@code "KVMKVMKVM" -> KVM}
     * @return a claim for every hypervisor leaf that shows one of the signatures, its leaf as order
     */
    public static List<Finding> cpuid(HostSignals host, Signatures signatures) {
        List<Finding> findings = new ArrayList<>();
        host.cpuidSignatures().forEach((leaf, signature) -> signatures.exactly(signature).ifPresent(match ->
                findings.add(new Finding.Hypervisor(match.type(), Signal.CPUID, Integer.toUnsignedLong(leaf),
                        HostSignals.cpuidSource(leaf)))));
        return findings;
    }

    /** @return the device tree's {@code hypervisor/compatible} (Arm, POWER guests), e.g. {@code linux,kvm} */
    public static Optional<String> deviceTreeHypervisor(HostSignals host) {
        return host.text(DEVICE_TREE_HYPERVISOR);
    }

    /**
     * Finds a bus's device by one of its sysfs attributes, as the balloon devices are found (virtio device id 5, the
     * Hyper-V Dynamic Memory class id).
     *
     * @param devices the bus's devices directory, e.g. {@code /sys/bus/virtio/devices}
     * @param attribute the file that identifies it, e.g. {@code device}
     * @param wanted the attribute's value, compared without case
     * @return the device's name, and the path of the attribute that matched (the evidence)
     */
    public static Optional<Map.Entry<String, String>> busDevice(HostSignals host, String devices, String attribute,
            String wanted) {
        for (String device : host.list(devices)) {
            String path = devices + "/" + device + "/" + attribute;
            if (host.text(path).filter(wanted::equalsIgnoreCase).isPresent()) {
                return Optional.of(Map.entry(device, path));
            }
        }
        return Optional.empty();
    }

    /** @return the clock sources the kernel offers, e.g. {@code [kvm-clock, tsc]}; empty when not told */
    public static List<String> clocksources(HostSignals host) {
        return host.text(CLOCKSOURCES).map(text -> Arrays.asList(text.split("\\s+"))).orElse(List.of());
    }

    /** @return the value of {@code VM00 Control Program:} in {@link #SYSINFO}, e.g. {@code KVM/Linux} or {@code z/VM} */
    public static Optional<String> controlProgram(HostSignals host) {
        return host.text(SYSINFO).flatMap(sysinfo -> sysinfo.lines()
                .filter(line -> line.startsWith("VM00 Control Program:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst());
    }

    /**
     * @param serviceKey a Windows service's registry key, e.g. {@code HKLM\SYSTEM\CurrentControlSet\Services\BALLOON}
     * @return empty when the service is not installed; else whether it is enabled (any {@code Start} but 4, disabled)
     */
    public static Optional<Boolean> serviceEnabled(HostSignals host, String serviceKey) {
        return host.registryValue(serviceKey, "Start").map(start -> !start.equals("4"));
    }

    /**
     * @return the value of a field of the machine as a whole, which comes after the CPUs' blocks in
     *     {@code /proc/cpuinfo} on POWER ({@code platform}, {@code model}) and before them on SPARC ({@code type}): its
     *     last occurrence in the file
     */
    public static Optional<String> cpuinfoMachineField(HostSignals host, String field) {
        return host.text(CPUINFO).flatMap(cpuinfo -> values(cpuinfo.lines(), field).reduce((first, last) -> last));
    }

    /** @return whether POWER's machine model is QEMU's pseries ({@code IBM pSeries (emulated by qemu)}) */
    public static boolean qemuPseries(HostSignals host) {
        return cpuinfoMachineField(host, "model").filter(model -> model.contains("(emulated by qemu)")).isPresent();
    }

    /**
     * @return whether the CPU model is QEMU's own ({@code QEMU Virtual CPU version 2.5+}): then firmware that says
     *     {@code Bochs} is QEMU's SeaBIOS, not the Bochs emulator
     */
    public static boolean qemuCpuModel(HostSignals host) {
        return cpuinfoField(host, "model name").filter(model -> model.startsWith("QEMU Virtual CPU")).isPresent();
    }

    /** @return the value of a field in the first CPU's block of {@code /proc/cpuinfo}, e.g. {@code vendor_id} */
    public static Optional<String> cpuinfoField(HostSignals host, String field) {
        return host.text(CPUINFO).flatMap(cpuinfo -> values(cpuinfo.lines().takeWhile(line -> !line.isBlank()), field)
                .findFirst());
    }

    /** @return the values of the {@code field : value} lines among these */
    private static Stream<String> values(Stream<String> lines, String field) {
        return lines.filter(line -> line.startsWith(field)
                        && line.substring(field.length()).stripLeading().startsWith(":"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip());
    }
}
