package dev.explorer.vocab.descriptor;

/** The descriptor endpoint failed; the message names the endpoint, the status and what to check. */
public final class DescriptorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public DescriptorException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or -1 when no response came back. */
    public int status() {
        return status;
    }
}
