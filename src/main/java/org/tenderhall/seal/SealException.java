package org.tenderhall.seal;

/** A sealed bid refused for a {@link SealFailure} reason. */
public class SealException extends Exception {

    private final SealFailure reason;

    public SealException(SealFailure reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public SealException(SealFailure reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public SealFailure reason() {
        return reason;
    }
}
