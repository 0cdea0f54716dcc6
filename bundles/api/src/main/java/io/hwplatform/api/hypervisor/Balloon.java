package io.hwplatform.api.hypervisor;

import java.util.Objects;

/**
 * A balloon device or driver seen in this guest.
 *
 * @param kind the protocol
 * @param bound whether a driver is bound to it, i.e. whether the hypervisor can actually inflate it
 * @param device where it was seen, e.g. {@code virtio0}, a vmbus device id, or a Windows service name
 */
public record Balloon(BalloonKind kind, boolean bound, String device) {

    /** @throws NullPointerException when kind or device is null */
    public Balloon {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
    }
}
