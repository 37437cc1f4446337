package org.tenderhall.seal;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * What the platform can know of a sealed bid without opening it: who signed the envelope (with the chain the
 * signature carries), when they say they signed, whom it is encrypted to, and the envelope's SHA-256 and size.
 */
public record Inspection(X509Certificate signer, List<X509Certificate> certificates, Optional<Instant> claimedSigningTime,
        SealProfile profile, List<RecipientRef> recipients, String envelopeSha256, long envelopeSize) {

    /** A recipient as the envelope names it: by issuer and serial number, or by subject key identifier. */
    public record RecipientRef(X500Principal issuer, BigInteger serial, byte[] subjectKeyIdentifier) {

        boolean names(X509Certificate certificate, byte[] certificateSki) {
            if (issuer != null) {
                return issuer.equals(certificate.getIssuerX500Principal()) && serial.equals(certificate.getSerialNumber());
            }
            return certificateSki != null && Arrays.equals(subjectKeyIdentifier, certificateSki);
        }
    }

    /** Whether {@code certificate}'s key can open this envelope, i.e. the envelope is encrypted to it. */
    public boolean isEncryptedTo(X509Certificate certificate) {
        byte[] ski = Certificates.subjectKeyIdentifier(certificate);
        return recipients.stream().anyMatch(r -> r.names(certificate, ski));
    }
}
