package org.tenderhall.openingkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.openingkey.domain.KeyShares;
import org.tenderhall.openingkey.domain.OpeningKeys;
import org.tenderhall.openingkey.domain.ShareDocument;
import org.tenderhall.openingkey.store.OpeningCustodian;
import org.tenderhall.openingkey.store.OpeningKey;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.Hashes;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.SealException;
import org.tenderhall.seal.Signer;

/**
 * Issues each tender's opening certificate at publication, with the platform CA's key, and keeps the private key
 * wrapped under the platform's key-encryption key (or under a key split among custodians). Its custody at the
 * opening is the opening capability's.
 */
@ApplicationScoped
public class OpeningCertificates {

    /** A refusal by the opening key's custody (the opening declares it too, for its own refusals). */
    public static final ProblemType CUSTODY =
            new ProblemType("custody-refused", "The opening key's custody does not allow this", 409);

    @Inject
    OpeningKeyConfig config;

    @Inject
    PlatformKeys keys;

    @Inject
    KeyEncryptionKey platformKek;

    @Inject
    Custodians custodians;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** A tender's opening certificate as the public sees it: PEM, SHA-256 fingerprint, end of validity. */
    public record OpeningCertificate(UUID tenderId, String pem, String sha256, Instant notAfter, Custody custody) {

        public X509Certificate certificate() {
            try {
                return Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII)).get(0);
            } catch (CertificateException e) {
                throw new IllegalStateException("The opening certificate of tender " + tenderId + " is unreadable", e);
            }
        }

        private static OpeningCertificate of(OpeningKey key) {
            try {
                Instant notAfter = Pem.certificates(key.certificate.getBytes(StandardCharsets.US_ASCII)).get(0)
                        .getNotAfter().toInstant();
                return new OpeningCertificate(key.tenderId, key.certificate, key.certificateSha256, notAfter,
                        key.custody);
            } catch (CertificateException e) {
                throw new IllegalStateException("The opening certificate of tender " + key.tenderId + " is unreadable", e);
            }
        }
    }

    /**
     * Issues the opening certificate of a tender being published, valid from now until {@code validUntil}, and
     * puts its private key in the custody the draft asked for: wrapped under the platform KEK (scheduled), or
     * under a fresh key split k-of-n among the custodians, each share encrypted to its custodian (dual control).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OpeningCertificate issue(UUID tenderId, Instant validUntil, String templateCustody) {
        Custodians.Plan plan = custodians.planOf(tenderId).orElse(new Custodians.Plan(
                Custody.valueOf(templateCustody.toUpperCase(java.util.Locale.ROOT)), null, List.of()));
        if (plan.custody() == Custody.DUAL_CONTROL && plan.custodians().isEmpty()) {
            throw new Rejection(CUSTODY, "This tender's template puts the opening key under dual"
                    + " control: name its custodians first (PUT /api/tenders/" + tenderId + "/opening-custody)");
        }
        Signer ca = opensCa();
        boolean dualControl = plan.custody() == Custody.DUAL_CONTROL;
        SecretKey kek = platformKek.key();
        Instant now = clock.instant();
        try {
            SecretKey wrapping = plan.custody() == Custody.SCHEDULED ? kek : freshKey();
            OpeningKeys.Issued issued = OpeningKeys.issue(tenderId.toString(), now, validUntil, ca.key(),
                    ca.chain().get(0), wrapping);
            OpeningKey key = new OpeningKey();
            key.tenderId = tenderId;
            key.certificate = Pem.pem(issued.certificate());
            key.certificateSha256 = Pem.sha256(issued.certificate());
            boolean bidderDecrypts = plan.custody() == Custody.BIDDER_DECRYPTS;
            // bidder decrypts: nobody keeps the private key; each bidder opens its own bid with its own key
            key.wrappedPrivateKey = bidderDecrypts ? new byte[0] : issued.wrappedPrivateKey();
            key.kekId = dualControl ? DUAL_CONTROL_KEK_ID : bidderDecrypts ? DISCARDED_KEK_ID : OpeningKeys.kekId(kek);
            key.custody = plan.custody();
            key.threshold = plan.threshold();
            key.createdAt = now;
            em.persist(key);
            if (dualControl) {
                share(tenderId, wrapping.getEncoded(), plan.threshold(), key.certificateSha256);
            }
            return OpeningCertificate.of(key);
        } catch (GeneralSecurityException | SealException e) {
            throw new IllegalStateException("Cannot issue the opening certificate of tender " + tenderId, e);
        }
    }

    /** The {@code kek_id} of an opening key under dual control: no platform key unwraps it. */
    public static final String DUAL_CONTROL_KEK_ID = "k-of-n";

    /** The {@code kek_id} of an opening key whose private key was discarded at publication (bidder decrypts). */
    public static final String DISCARDED_KEK_ID = "discarded";

    private void share(UUID tenderId, byte[] secret, int threshold, String certificateSha256)
            throws CertificateException, SealException {
        List<OpeningCustodian> rows = custodians.rows(tenderId);
        List<KeyShares.Share> shares = KeyShares.split(secret, threshold, rows.size());
        java.util.Arrays.fill(secret, (byte) 0);
        for (OpeningCustodian custodian : rows) {
            ShareDocument document = ShareDocument.of(tenderId.toString(), shares.get(custodian.position - 1),
                    threshold, rows.size(), certificateSha256);
            X509Certificate certificate = Pem.certificates(custodian.certificate.getBytes(StandardCharsets.US_ASCII))
                    .get(0);
            custodian.shareEnvelope = KeyEnvelopes.encrypt(document.bytes(), certificate);
            custodian.shareSha256 = Hashes.sha256Hex(document.bytes());
        }
    }

    /**
     * A one-time transport key for an opening: what custodians' shares and bidders' keys are encrypted to when
     * they are handed in. Its certificate is issued by the opening CA; its private key is wrapped under the KEK.
     */
    public record Transport(String certificatePem, byte[] wrappedKey) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Transport issueTransport(UUID tenderId, Instant validUntil) {
        Signer ca = opensCa();
        try {
            OpeningKeys.Issued issued = OpeningKeys.issueNamed(TRANSPORT_NAME + tenderId, clock.instant(), validUntil,
                    ca.key(), ca.chain().get(0), platformKek.key());
            return new Transport(Pem.pem(issued.certificate()), issued.wrappedPrivateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue the transport key of the opening of tender " + tenderId, e);
        }
    }

    /** The common name of an opening's transport certificate, before the tender's id; bidkit checks it. */
    public static final String TRANSPORT_NAME = "Transport key of tender ";

    private Signer opensCa() {
        return keys.signer("The opening CA key", "tenderhall.opening.ca-key-store", config.caKeyStore(), config.caKeyStorePassword(),
                PlatformKeys.UNAVAILABLE, Signer::fromPkcs12);
    }

    private static SecretKey freshKey() throws GeneralSecurityException {
        javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
        generator.init(256, new java.security.SecureRandom());
        return generator.generateKey();
    }


    public Optional<OpeningCertificate> of(UUID tenderId) {
        return Optional.ofNullable(em.find(OpeningKey.class, tenderId)).map(OpeningCertificate::of);
    }

    /**
     * A tender's opening key as kept, for the opening's custody to unwrap at the opening time: the private key
     * wrapped under the KEK named {@code kekId} (or under the custodians' split key, {@code threshold} of them).
     */
    public record WrappedKey(OpeningCertificate certificate, String kekId, byte[] wrappedPrivateKey, Integer threshold) {
    }

    public Optional<WrappedKey> wrappedKey(UUID tenderId) {
        return Optional.ofNullable(em.find(OpeningKey.class, tenderId)).map(key -> new WrappedKey(
                OpeningCertificate.of(key), key.kekId, key.wrappedPrivateKey, key.threshold));
    }

}
