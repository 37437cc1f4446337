package org.tenderhall.pki.domain;

/** A certificate refused for a {@link CertificateRejection} reason. */
public class CertificateRejected extends Exception {

    private final CertificateRejection reason;

    public CertificateRejected(CertificateRejection reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public CertificateRejection reason() {
        return reason;
    }
}
