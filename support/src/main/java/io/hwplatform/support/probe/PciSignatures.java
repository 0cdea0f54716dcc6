package io.hwplatform.support.probe;

import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.hypervisor.spi.Finding;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.api.hypervisor.spi.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PCI ids that only a hypervisor's virtual hardware carries, most specific first: a guest-service device names its
 * hypervisor outright; emulated hardware (VMware's, QEMU's) can be emulated by another hypervisor too; virtio is used
 * by every QEMU, with or without KVM. A finding's order is its row, so that the most specific device present decides.
 * systemd-detect-virt does not look here; it helps where DMI and CPUID are missing (old kernels, dumps, nested guests).
 */
public final class PciSignatures {

    /** @param device the device id, or null for any device of the vendor */
    public record Row(String vendor, String device, HypervisorType type, String what) {
        boolean matches(String id) {
            return device == null ? id.startsWith(vendor + ":") : id.equals(vendor + ":" + device);
        }
    }

    public static final List<Row> ROWS = List.of(
            new Row("80ee", "cafe", HypervisorType.VIRTUALBOX, "VirtualBox guest service"),
            new Row("1ab8", null, HypervisorType.PARALLELS, "Parallels virtual device"),
            new Row("5853", null, HypervisorType.XEN, "Xen platform device"),
            new Row("1414", null, HypervisorType.HYPERV, "Hyper-V virtual device"),
            new Row("15ad", null, HypervisorType.VMWARE, "VMware virtual device"),
            new Row("1af4", null, HypervisorType.KVM, "virtio device (QEMU with or without KVM)"),
            new Row("1b36", null, HypervisorType.QEMU, "QEMU virtual device"),
            new Row("1234", "1111", HypervisorType.QEMU, "QEMU standard VGA"));

    private PciSignatures() {}

    /** @return the source under which a PCI finding is recorded, e.g. {@code pci 80ee:cafe (VirtualBox guest service)} */
    public static String source(String id, Row row) {
        return "pci " + id + " (" + row.what() + ")";
    }

    /**
     * @param types the hypervisors the calling probe speaks for
     * @return a claim per row of those types that a PCI function on the host matches, the row as its order
     */
    public static List<Finding> findings(HostSignals host, Set<HypervisorType> types) {
        List<String> ids = host.pciIds();
        List<Finding> findings = new ArrayList<>();
        for (int row = 0; row < ROWS.size(); row++) {
            Row signature = ROWS.get(row);
            if (!types.contains(signature.type())) {
                continue;
            }
            for (String id : ids) {
                if (signature.matches(id)) {
                    findings.add(new Finding.Hypervisor(signature.type(), Signal.PCI, row, source(id, signature)));
                    break;
                }
            }
        }
        return findings;
    }
}
