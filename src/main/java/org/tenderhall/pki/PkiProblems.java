package org.tenderhall.pki;

import org.tenderhall.pki.domain.CertificateRejection;

import org.tenderhall.platform.problem.ProblemType;

/** The problem types of certificate checks and of the trust list. */
public final class PkiProblems {

    public static final ProblemType UNTRUSTED_CA = new ProblemType("untrusted-ca", "Certificate of an untrusted CA", 422);
    public static final ProblemType EXPIRED = new ProblemType("expired", "Certificate not valid at that time", 422);
    public static final ProblemType REVOKED = new ProblemType("revoked", "Certificate revoked", 422);
    public static final ProblemType WRONG_KEY_USAGE = new ProblemType("wrong-key-usage", "Certificate not for this use", 422);
    public static final ProblemType WRONG_ORGANISATION =
            new ProblemType("wrong-organisation", "Certificate of another organisation", 422);
    public static final ProblemType INVALID_CERTIFICATE =
            new ProblemType("invalid-certificate", "Not an X.509 certificate", 422);
    public static final ProblemType NOT_A_CA = new ProblemType("not-a-ca", "Not a CA certificate", 422);
    public static final ProblemType CA_EXISTS = new ProblemType("ca-exists", "CA already on the trust list", 409);
    public static final ProblemType INVALID_CRL = new ProblemType("invalid-crl", "Not an X.509 CRL", 422);
    public static final ProblemType OUTDATED_CRL = new ProblemType("outdated-crl", "A newer CRL is already held", 409);

    private PkiProblems() {
    }

    public static ProblemType of(CertificateRejection reason) {
        return switch (reason) {
            case UNTRUSTED_CA -> UNTRUSTED_CA;
            case EXPIRED -> EXPIRED;
            case REVOKED -> REVOKED;
            case WRONG_KEY_USAGE -> WRONG_KEY_USAGE;
            case WRONG_ORGANISATION -> WRONG_ORGANISATION;
        };
    }
}
