package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.opening.domain.OpeningRules;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.openingkey.Custodians;
import org.tenderhall.openingkey.KeyEncryptionKey;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.domain.KeyShares;
import org.tenderhall.openingkey.domain.OpeningKeys;
import org.tenderhall.openingkey.domain.ShareDocument;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.SealException;
import org.tenderhall.tender.Tenders;

/**
 * The one component that unwraps a tender's opening private key, or rebuilds it from custodians' shares. It
 * refuses before the opening time, whoever asks; each refusal and each unwrap
 * goes to the audit log, in a transaction of its own so that it stays recorded whatever the caller does next.
 */
@ApplicationScoped
public class OpeningKeyCustody {

    /** An unwrapped opening key with the certificate that names it among an envelope's recipients. */
    public record Unlocked(PrivateKey key, X509Certificate certificate) {
    }

    @Inject
    KeyEncryptionKey platformKek;

    @Inject
    OpeningCertificates certificates;

    @Inject
    Custodians custodians;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Tenders tenders;

    /** The platform's key-encryption key (to derive the package vault's key, and to open what was kept under it). */
    SecretKey keyEncryptionKey() {
        return platformKek.key();
    }

    /**
     * The opening key of a tender, from the opening time on: under scheduled custody unwrapped with the platform
     * KEK; under dual control rebuilt from the custodians' shares, once {@code k} are handed in (empty until then).
     *
     * @throws Rejection {@link OpeningProblems#NOT_DUE} before the opening time, {@link OpeningProblems#CUSTODY}
     *                   when the tender's key is held in a custody the platform cannot open
     */
    public Optional<Unlocked> unlock(Actor actor, UUID tenderId) {
        OpeningCertificates.WrappedKey key = QuarkusTransaction.joiningExisting()
                .call(() -> certificates.wrappedKey(tenderId)).orElse(null);
        if (key == null) {
            throw new IllegalArgumentException("tender " + tenderId + " has no opening key");
        }
        Instant now = requireOpeningTime(actor, tenderId, "OpeningKeyRefused");
        try {
            X509Certificate certificate = key.certificate().certificate();
            switch (key.certificate().custody()) {
                case SCHEDULED -> {
                    SecretKey kek = keyEncryptionKey();
                    String kekId = OpeningKeys.kekId(kek);
                    if (!kekId.equals(key.kekId())) {
                        throw new IllegalStateException("The opening key of tender " + tenderId + " was wrapped under"
                                + " the key-encryption key " + key.kekId() + ", but the one configured is " + kekId);
                    }
                    PrivateKey privateKey = OpeningKeys.unwrap(key.wrappedPrivateKey(), kek);
                    QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "OpeningKeyUnwrapped",
                            Tenders.subject(tenderId), Map.of("at", now.toString(),
                                    "certificateSha256", key.certificate().sha256())));
                    return Optional.of(new Unlocked(privateKey, certificate));
                }
                case DUAL_CONTROL -> {
                    List<Custodians.Custodian> handedIn = QuarkusTransaction.joiningExisting()
                            .call(() -> custodians.handedIn(tenderId));
                    if (handedIn.size() < key.threshold()) {
                        return Optional.empty();
                    }
                    List<KeyShares.Share> shares = new ArrayList<>();
                    for (Custodians.Custodian custodian : handedIn) {
                        shares.add(ShareDocument.parse(openUnderKek(custodian.shareWrapped())).keyShare());
                    }
                    byte[] secret = KeyShares.combine(shares, key.threshold());
                    PrivateKey privateKey = OpeningKeys.unwrap(key.wrappedPrivateKey(), new SecretKeySpec(secret, "AES"));
                    java.util.Arrays.fill(secret, (byte) 0);
                    if (!matches(privateKey, certificate)) {
                        throw new IllegalStateException("The shares of tender " + tenderId + " rebuilt another key");
                    }
                    List<String> used = handedIn.subList(0, key.threshold()).stream().map(Custodians.Custodian::account)
                            .toList();
                    QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "OpeningKeyReconstructed",
                            Tenders.subject(tenderId), Map.of("at", now.toString(), "custodians", used,
                                    "certificateSha256", key.certificate().sha256())));
                    return Optional.of(new Unlocked(privateKey, certificate));
                }
                default -> {
                    throw refused(actor, tenderId, "OpeningKeyRefused", "the key is in " + key.certificate().custody()
                            + " custody", new Rejection(OpeningProblems.CUSTODY, "The opening key of this tender is held"
                            + " in " + key.certificate().custody() + " custody, which the platform cannot open; the"
                            + " attempt is recorded"));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The opening key of tender " + tenderId + " does not unwrap", e);
        }
    }

    /** The opening time of the tender, or the refusal, recorded as {@code action}: nothing unlocks before it. */
    Instant requireOpeningTime(Actor actor, UUID tenderId, String action) {
        Instant openingTime = QuarkusTransaction.joiningExisting().call(() -> tenders.openingTerms(tenderId))
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No tender " + tenderId)).openingTime();
        Instant now = clock.instant();
        if (!OpeningRules.due(openingTime, now)) {
            throw refused(actor, tenderId, action, "before the opening time " + openingTime,
                    new Rejection(OpeningProblems.NOT_DUE, "Nothing of this tender's opening unlocks before "
                            + openingTime + "; the attempt is recorded"));
        }
        return now;
    }

    /** What was handed in encrypted to an opening's one-time transport certificate (a share, a content key). */
    byte[] openHandedIn(Opening opening, byte[] envelope) throws SealException {
        try {
            X509Certificate transport = Pem.certificates(opening.transportCertificate.getBytes(StandardCharsets.US_ASCII))
                    .get(0);
            return KeyEnvelopes.decrypt(envelope,
                    OpeningKeys.unwrap(opening.transportKey, keyEncryptionKey()), transport);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The transport key of the opening of " + opening.tenderId
                    + " does not unwrap", e);
        }
    }

    /** Bytes kept under the platform KEK (AES-256-GCM, nonce first): shares handed in. */
    byte[] sealUnderKek(byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            new java.security.SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyEncryptionKey(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = java.util.Arrays.copyOf(nonce, 12 + sealed.length);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] openUnderKek(byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, keyEncryptionKey(), new GCMParameterSpec(128, sealed, 0, 12));
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        return key instanceof java.security.interfaces.RSAPrivateKey rsa
                && certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey published
                && rsa.getModulus().equals(published.getModulus());
    }

    private Rejection refused(Actor actor, UUID tenderId, String action, String why, Rejection rejection) {
        return audit.refused(actor, action, Tenders.subject(tenderId),
                Map.of("problem", rejection.type().slug(), "reason", why, "at", clock.instant().toString()), rejection);
    }
}
