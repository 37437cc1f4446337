package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.opening.domain.OpeningKeys;
import org.tenderhall.opening.store.OpeningKey;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.seal.Signer;

/**
 * Issues each tender's opening certificate at publication, with the platform CA's key, and keeps the private key
 * wrapped under the platform's key-encryption key. Its custody at the opening is the opening capability's.
 */
@ApplicationScoped
public class OpeningCertificates {

    @ConfigProperty(name = "tenderhall.opening.ca-key-store", defaultValue = "keys/demo/platform/opening-ca.p12")
    Path caKeyStore;

    @ConfigProperty(name = "tenderhall.opening.ca-key-store-password", defaultValue = "tenderhall-demo")
    String caPassword;

    @Inject
    PlatformKeys keys;

    @Inject
    OpeningKeyCustody custody;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** A tender's opening certificate as the public sees it: PEM, SHA-256 fingerprint, end of validity. */
    public record OpeningCertificate(UUID tenderId, String pem, String sha256, Instant notAfter) {

        public X509Certificate certificate() {
            try {
                return Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII)).get(0);
            } catch (CertificateException e) {
                throw new IllegalStateException("The opening certificate of tender " + tenderId + " is unreadable", e);
            }
        }

        static OpeningCertificate of(OpeningKey key) {
            try {
                Instant notAfter = Pem.certificates(key.certificate.getBytes(StandardCharsets.US_ASCII)).get(0)
                        .getNotAfter().toInstant();
                return new OpeningCertificate(key.tenderId, key.certificate, key.certificateSha256, notAfter);
            } catch (CertificateException e) {
                throw new IllegalStateException("The opening certificate of tender " + key.tenderId + " is unreadable", e);
            }
        }
    }

    /** Issues the opening certificate of a tender being published, valid from now until {@code validUntil}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OpeningCertificate issue(UUID tenderId, Instant validUntil) {
        Signer ca = keys.signer("The opening CA key", "tenderhall.opening.ca-key-store", caKeyStore, caPassword,
                PlatformKeys.UNAVAILABLE);
        SecretKey kek = custody.keyEncryptionKey();
        Instant now = clock.instant();
        try {
            OpeningKeys.Issued issued = OpeningKeys.issue(tenderId.toString(), now, validUntil, ca.key(),
                    ca.chain().get(0), kek);
            OpeningKey key = new OpeningKey();
            key.tenderId = tenderId;
            key.certificate = Pem.pem(issued.certificate());
            key.certificateSha256 = Pem.sha256(issued.certificate());
            key.wrappedPrivateKey = issued.wrappedPrivateKey();
            key.kekId = OpeningKeys.kekId(kek);
            key.createdAt = now;
            em.persist(key);
            return OpeningCertificate.of(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue the opening certificate of tender " + tenderId, e);
        }
    }

    public Optional<OpeningCertificate> of(UUID tenderId) {
        return Optional.ofNullable(em.find(OpeningKey.class, tenderId)).map(OpeningCertificate::of);
    }

}
