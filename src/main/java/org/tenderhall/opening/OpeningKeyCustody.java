package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.identity.domain.Actor;
import org.tenderhall.opening.domain.Custody;
import org.tenderhall.opening.domain.OpeningKeys;
import org.tenderhall.opening.domain.OpeningRules;
import org.tenderhall.opening.store.OpeningKey;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.tender.Tenders;

/**
 * The one component that unwraps a tender's opening private key. It refuses before the opening time, whoever
 * asks, and refuses a tender whose key is not in the platform's scheduled custody; each refusal and each unwrap
 * goes to the audit log, in a transaction of its own so that it stays recorded whatever the caller does next.
 */
@ApplicationScoped
public class OpeningKeyCustody {

    /** An unwrapped opening key with the certificate that names it among an envelope's recipients. */
    public record Unlocked(PrivateKey key, X509Certificate certificate) {
    }

    @ConfigProperty(name = "tenderhall.opening.kek-store", defaultValue = "keys/demo/platform/kek.p12")
    Path kekStore;

    @ConfigProperty(name = "tenderhall.opening.kek-store-password", defaultValue = "tenderhall-demo")
    String kekPassword;

    @ConfigProperty(name = "tenderhall.opening.kek-alias", defaultValue = "kek")
    String kekAlias;

    @Inject
    PlatformKeys keys;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Tenders tenders;

    /** The platform's key-encryption key, to wrap a new opening key (and to derive the package vault's key). */
    SecretKey keyEncryptionKey() {
        return keys.secretKey("The key-encryption key", "tenderhall.opening.kek-store", kekStore, kekPassword, kekAlias);
    }

    /**
     * The opening key of a tender in scheduled custody, from the opening time on.
     *
     * @throws Rejection {@link OpeningProblems#NOT_DUE} before the opening time, {@link OpeningProblems#CUSTODY}
     *                   when the tender's key is held otherwise
     */
    public Unlocked unwrap(Actor actor, UUID tenderId) {
        Instant openingTime = QuarkusTransaction.joiningExisting().call(() -> tenders.openingTerms(tenderId))
                .orElseThrow(() -> new IllegalArgumentException("no published tender " + tenderId)).openingTime();
        OpeningKey key = QuarkusTransaction.joiningExisting().call(() -> em.find(OpeningKey.class, tenderId));
        if (key == null) {
            throw new IllegalArgumentException("tender " + tenderId + " has no opening key");
        }
        Instant now = clock.instant();
        if (!OpeningRules.due(openingTime, now)) {
            refuse(actor, tenderId, "before the opening time " + openingTime);
            throw new Rejection(OpeningProblems.NOT_DUE, "The opening key of this tender unlocks at "
                    + openingTime + ", not before; the attempt is recorded");
        }
        if (key.custody != Custody.SCHEDULED) {
            refuse(actor, tenderId, "the key is in " + key.custody + " custody");
            throw new Rejection(OpeningProblems.CUSTODY, "The opening key of this tender is not in the platform's"
                    + " custody (" + key.custody + "); the attempt is recorded");
        }
        SecretKey kek = keyEncryptionKey();
        try {
            String kekId = OpeningKeys.kekId(kek);
            if (!kekId.equals(key.kekId)) {
                throw new IllegalStateException("The opening key of tender " + tenderId + " was wrapped under the"
                        + " key-encryption key " + key.kekId + ", but the one configured is " + kekId);
            }
            PrivateKey privateKey = OpeningKeys.unwrap(key.wrappedPrivateKey, kek);
            QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "OpeningKeyUnwrapped",
                    Tenders.subject(tenderId), Map.of("at", now.toString(), "certificateSha256", key.certificateSha256)));
            return new Unlocked(privateKey, OpeningCertificates.OpeningCertificate.of(key).certificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The opening key of tender " + tenderId + " does not unwrap", e);
        }
    }

    private void refuse(Actor actor, UUID tenderId, String why) {
        QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "OpeningKeyRefused", Tenders.subject(tenderId),
                Map.of("reason", why, "at", clock.instant().toString())));
    }
}
