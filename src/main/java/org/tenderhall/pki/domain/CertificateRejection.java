package org.tenderhall.pki.domain;

/** Why a certificate is not accepted; each has its own problem type. */
public enum CertificateRejection {
    UNTRUSTED_CA("untrusted-ca"),
    EXPIRED("expired"),
    REVOKED("revoked"),
    WRONG_KEY_USAGE("wrong-key-usage"),
    WRONG_ORGANISATION("wrong-organisation");

    private final String slug;

    CertificateRejection(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
