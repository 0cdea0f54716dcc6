package io.hwplatform.api.hypervisor;

import java.util.Locale;

/** The memory balloon protocols, each belonging to a hypervisor family. */
public enum BalloonKind {
    /** virtio-balloon (device id 5): KVM, QEMU, Firecracker, cloud-hypervisor. */
    VIRTIO(HypervisorType.KVM, HypervisorType.QEMU),
    /** VMware's vmw_balloon / vmmemctl. */
    VMWARE(HypervisorType.VMWARE),
    /** Hyper-V Dynamic Memory (hv_balloon / dmvsc). */
    HYPERV(HypervisorType.HYPERV),
    /** The Xen balloon driver. */
    XEN(HypervisorType.XEN),
    /** Cooperative Memory Management on PowerVM and z/VM. */
    CMM(HypervisorType.POWERVM, HypervisorType.ZVM);

    private final HypervisorType[] hypervisors;

    BalloonKind(HypervisorType... hypervisors) {
        this.hypervisors = hypervisors;
    }

    /** @return whether this balloon protocol is the native one of that hypervisor */
    public boolean belongsTo(HypervisorType type) {
        for (HypervisorType hypervisor : hypervisors) {
            if (hypervisor == type) {
                return true;
            }
        }
        return false;
    }

    /** @return the lower-case id used in capability names, e.g. {@code virtio} in {@code balloon.virtio} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
