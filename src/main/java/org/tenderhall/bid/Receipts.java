package org.tenderhall.bid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.jboss.logging.Logger;
import org.tenderhall.audit.AuditEntry;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditSequencer;
import org.tenderhall.audit.CanonicalJson;
import org.tenderhall.bid.store.Receipt;
import org.tenderhall.bid.store.SealedBid;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.Signer;
import org.tenderhall.timestamp.PlatformTimestamps;

/**
 * Receipts a bidder can show anyone: the facts as canonical JSON (RFC 8785), a detached CMS signature over those
 * bytes by the platform's signing key, and an RFC 3161 token from the platform TSA over their SHA-256. OpenSSL
 * checks both ({@code openssl cms -verify -binary}, {@code openssl ts -verify -data}); so does
 * {@code bidkit receipt verify}.
 *
 * <p>A receipt is issued in two steps. Its facts are written in the transaction that commits the bid, with the
 * commit's time ({@link #prepare}); after that commit, once the bid's audit event is numbered, the receipt gains
 * that event's leaf hash and is signed and stamped ({@link #sign}): no transaction waits for a signature or a TSA's
 * round trip. A receipt whose second
 * step did not happen (a crash, the TSA out of reach) is pending; each start of the platform, and a job every
 * {@code tenderhall.bid.receipt-retry-interval}, signs those ({@link #signPending}).
 */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class);

    /** Receipt times always with their milliseconds: {@code 2026-11-22T09:00:00.000Z}. */
    static final DateTimeFormatter MILLISECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Inject
    PlatformKeys keys;

    @Inject
    AuditSequencer sequencer;

    @Inject
    PlatformTimestamps timestamps;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** A pending receipt younger than this is being signed by the request that committed it: the job leaves it. */
    @Inject
    BidConfig config;

    /**
     * Writes the receipt of {@code bid} for the audit event {@code event} that recorded it, pending its audit leaf,
     * signature and token: call {@link #sign} after the transaction commits. Its {@code sequence} numbers the receipts of the
     * bid's organisation for the bid's tender (1, 2, 3 ...), and it names its audit event by leaf hash
     * ({@code auditLeaf}), not by position: nothing on it counts other organisations' bids.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt prepare(Receipt.Kind kind, SealedBid bid, Instant at, AuditEntry event) {
        Receipt receipt = new Receipt();
        receipt.id = UUID.randomUUID();
        receipt.bidId = bid.id;
        receipt.kind = kind;
        // The counter's row stays locked to commit: an organisation's receipts for a tender are numbered in turn.
        receipt.sequence = ((Number) em.createNativeQuery("insert into receipt_counter (tender_id, organisation, issued)"
                        + " values (:tender, :organisation, 1) on conflict (tender_id, organisation)"
                        + " do update set issued = receipt_counter.issued + 1 returning issued")
                .setParameter("tender", bid.tenderId).setParameter("organisation", bid.organisation)
                .getSingleResult()).longValue();
        receipt.issuedAt = at;
        receipt.auditEntryId = event.id;
        ObjectNode facts = json.createObjectNode();
        facts.put("receipt", receipt.id.toString());
        facts.put("kind", kind.name());
        facts.put("sequence", receipt.sequence);
        facts.put("tenderId", bid.tenderId.toString());
        facts.put("lot", bid.lot);
        facts.put("bidder", bid.organisation);
        facts.put("bidId", bid.id.toString());
        facts.put("envelopeSha256", bid.envelopeSha256);
        facts.put("size", bid.size);
        facts.put("receivedAt", MILLISECONDS.format(bid.receivedAt));
        facts.put("issuedAt", MILLISECONDS.format(at));
        facts.put("issuer", "Tenderhall");
        receipt.content = CanonicalJson.of(facts).getBytes(StandardCharsets.UTF_8);
        em.persist(receipt);
        return receipt;
    }

    /**
     * Signs and stamps a pending receipt, outside any transaction (a TSA's round trip holds no lock and no
     * connection), and stores both unless another signer was first. Returns the receipt as stored.
     *
     * @throws Rejection {@link org.tenderhall.timestamp.PlatformTimestamps#UNAVAILABLE} when the TSA cannot be
     *                   reached: the receipt stays pending
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Receipt sign(Receipt pending) {
        if (pending.issued()) {
            return pending;
        }
        AuditEvent event = sequencer.eventOf(pending.auditEntryId);
        byte[] content = withAuditLeaf(pending.content, event);
        byte[] signature = signature(content);
        byte[] timestamp;
        try {
            timestamp = timestamps.stamp(MessageDigest.getInstance("SHA-256").digest(content)).getEncoded();
        } catch (TSPException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot timestamp receipt " + pending.id, e);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createQuery("update Receipt r set r.content = :content, r.auditSeq = :seq, r.signature = :signature,"
                            + " r.timestamp = :timestamp where r.id = :id and r.signature is null")
                    .setParameter("content", content).setParameter("seq", event.seq)
                    .setParameter("signature", signature).setParameter("timestamp", timestamp)
                    .setParameter("id", pending.id).executeUpdate();
            Receipt stored = em.find(Receipt.class, pending.id);
            em.refresh(stored);
            return stored;
        });
    }

    void signPendingAtStart(@Observes StartupEvent started) {
        signPending(Duration.ZERO);
    }

    /** Signs the receipts a crash or an unreachable TSA left pending. */
    @Scheduled(identity = "pending-receipts", every = "${tenderhall.bid.receipt-retry-interval}",
            delayed = "${tenderhall.bid.receipt-retry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void signPendingNow() {
        signPending(config.receiptRetryAfter());
    }

    /**
     * Signs every pending receipt written more than {@code olderThan} ago, oldest first.
     *
     * @return how many were signed
     */
    public int signPending(Duration olderThan) {
        Instant before = clock.instant().minus(olderThan);
        List<Receipt> pending = QuarkusTransaction.requiringNew().call(() -> em.createQuery("from Receipt r"
                + " where r.signature is null and r.issuedAt <= :before order by r.issuedAt", Receipt.class)
                .setParameter("before", before).getResultList());
        int signed = 0;
        for (Receipt receipt : pending) {
            try {
                sign(receipt);
                signed++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Receipt %s of bid %s is still pending: it could not be signed and stamped now;"
                        + " it is tried again in a while", receipt.id, receipt.bidId);
                break; // the TSA or the key is out of reach: the others would fail the same way
            }
        }
        if (signed > 0) {
            LOG.warnf("Signed and stamped %d pending receipt(s), written before a crash or while the TSA was out of"
                    + " reach", signed);
        }
        return signed;
    }

    /** The pending content with the leaf hash of its numbered audit event, still canonical JSON. */
    private byte[] withAuditLeaf(byte[] pending, AuditEvent event) {
        try {
            ObjectNode facts = (ObjectNode) json.readTree(pending);
            facts.put("auditLeaf", HexFormat.of().formatHex(event.leafHash));
            return CanonicalJson.of(facts).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("receipt content is not JSON", e);
        }
    }

    private byte[] signature(byte[] content) {
        Signer signer = keys.documentSigner(Signer::fromPkcs12);
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            String algorithm = "RSA".equals(signer.key().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(algorithm).build(signer.key()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException("Cannot sign a receipt", e);
        }
    }
}
