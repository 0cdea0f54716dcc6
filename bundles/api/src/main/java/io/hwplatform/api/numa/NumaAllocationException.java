package io.hwplatform.api.numa;

/** An allocation that could not be served: under {@link AllocationPolicy#STRICT}, or when no memory is left at all. */
public class NumaAllocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was asked and why it could not be served */
    public NumaAllocationException(String message) {
        super(message);
    }

    /** @param message what was asked and why it could not be served; @param cause the backend's error */
    public NumaAllocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
