package org.tenderhall.seal;

/** Why a sealed bid was refused; each reason has its own problem type where the platform reports it. */
public enum SealFailure {
    /** The envelope or signature is not the CMS structure the format requires. */
    MALFORMED("malformed-envelope"),
    /** The envelope ends before its structure does: an interrupted upload or a cut file. */
    TRUNCATED("truncated-envelope"),
    /** The outer signature does not match the envelope's bytes: they were changed after signing. */
    TAMPERED("tampered-envelope"),
    /** The outer signature's own bytes are not a valid signature by its certificate. */
    OUTER_SIGNATURE_INVALID("invalid-outer-signature"),
    /** The key given to open it is not one of the envelope's recipients. */
    NOT_A_RECIPIENT("not-a-recipient"),
    /** A recipient's key did not yield readable content: wrong key, or damaged ciphertext. */
    DECRYPTION_FAILED("decryption-failed"),
    /** The decrypted content is not a bid signed as the format requires, or its signature does not verify. */
    INNER_SIGNATURE_INVALID("invalid-inner-signature"),
    /** The bid inside was signed by someone other than the submitter who signed the envelope. */
    SIGNER_MISMATCH("signer-mismatch");

    private final String slug;

    SealFailure(String slug) {
        this.slug = slug;
    }

    /** The stable name of this reason, used as the problem type. */
    public String slug() {
        return slug;
    }
}
