package io.hwplatform.api.hypervisor;

/**
 * Names and attribute keys of the capabilities the detector publishes.
 *
 * <ul>
 * <li>{@value #HYPERVISOR} with {@value #TYPE} and, where known, {@value #VENDOR}, {@value #PRODUCT}, {@value #CLOUD},
 * {@value #CONTAINER}, {@value #XEN_DOMAIN}, {@value #XEN_MODE};</li>
 * <li>{@code hypervisor.<type>} (e.g. {@code hypervisor.kvm}, {@code hypervisor.none}) with the same attributes;</li>
 * <li>{@code balloon.<kind>} (e.g. {@code balloon.virtio}) with {@value #BALLOON_BOUND} and {@value #BALLOON_DEVICE},
 * when a balloon device or driver is seen.</li>
 * </ul>
 */
public final class HypervisorCapabilities {

    /** Capability name of the verdict. */
    public static final String HYPERVISOR = "hypervisor";
    /** Prefix of the per-type capability, followed by {@link HypervisorType#id()}. */
    public static final String HYPERVISOR_PREFIX = "hypervisor.";
    /** Prefix of the balloon capability, followed by {@link BalloonKind#id()}. */
    public static final String BALLOON_PREFIX = "balloon.";

    /** Attribute: the hypervisor type's id, e.g. {@code kvm}. String. */
    public static final String TYPE = "hypervisor.type";
    /** Attribute: the firmware's system vendor. String. */
    public static final String VENDOR = "hypervisor.vendor";
    /** Attribute: the firmware's product name. String. */
    public static final String PRODUCT = "hypervisor.product";
    /** Attribute: the cloud provider, e.g. {@code aws}. String. */
    public static final String CLOUD = "hypervisor.cloud";
    /** Attribute: the container layer, e.g. {@code docker}. String. */
    public static final String CONTAINER = "hypervisor.container";
    /** Attribute: {@code dom0} or {@code domu}. String. */
    public static final String XEN_DOMAIN = "hypervisor.xen.domain";
    /** Attribute: {@code pv}, {@code hvm}, {@code pvh} or {@code unknown}. String. */
    public static final String XEN_MODE = "hypervisor.xen.mode";
    /** Attribute of {@code balloon.<kind>}: whether a driver is bound. Boolean. */
    public static final String BALLOON_BOUND = "balloon.bound";
    /** Attribute of {@code balloon.<kind>}: where the device was seen. String. */
    public static final String BALLOON_DEVICE = "balloon.device";

    private HypervisorCapabilities() {}
}
