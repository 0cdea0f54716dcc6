package io.hwplatform.api.numa.spi;

import java.util.Objects;

/** A backend could not bind memory to a node; the reason tells the allocator whether to try elsewhere. */
public class NumaBindException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why binding failed. */
    public enum Reason {
        /** The node does not exist or has no memory (Linux: EINVAL; Windows: ERROR_INVALID_PARAMETER). */
        NO_SUCH_NODE,
        /** The node has too little free memory for the chunk. */
        NODE_FULL,
        /** Binding is forbidden here, e.g. by a container's seccomp profile (EPERM). Try no other node. */
        NOT_PERMITTED,
        /** The kernel has no NUMA support (ENOSYS). Try no other node. */
        NOT_SUPPORTED,
        /** The system is out of memory altogether. */
        OUT_OF_MEMORY
    }

    private final Reason reason;

    /** @param reason why; @param message what was tried and what the operating system said */
    public NumaBindException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why binding failed */
    public Reason reason() {
        return reason;
    }

    /** @return whether no node can be bound with this backend at all, so falling back to other nodes is pointless */
    public boolean bindingUnavailable() {
        return reason == Reason.NOT_PERMITTED || reason == Reason.NOT_SUPPORTED;
    }
}
