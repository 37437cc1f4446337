package org.tenderhall.bid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
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
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.CanonicalJson;
import org.tenderhall.bid.store.Receipt;
import org.tenderhall.bid.store.SealedBid;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.seal.Signer;
import org.tenderhall.timestamp.PlatformTimestamps;

/**
 * Receipts a bidder can show anyone: the facts as canonical JSON (RFC 8785), a detached CMS signature over those
 * bytes by the platform's signing key, and an RFC 3161 token from the platform TSA over their SHA-256. OpenSSL
 * checks both ({@code openssl cms -verify -binary}, {@code openssl ts -verify -data}); so does
 * {@code bidkit receipt verify}.
 */
@ApplicationScoped
public class Receipts {

    /** Receipt times always with their milliseconds: {@code 2026-11-22T09:00:00.000Z}. */
    static final DateTimeFormatter MILLISECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Inject
    PlatformKeys keys;

    @Inject
    PlatformTimestamps timestamps;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * Issues the receipt of {@code bid} for the audit event {@code event} that recorded it. Its {@code sequence}
     * numbers the receipts of the bid's organisation for the bid's tender (1, 2, 3 ...), and it names its audit
     * event by leaf hash ({@code auditLeaf}), not by position: nothing on it counts other organisations' bids.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt issue(Receipt.Kind kind, SealedBid bid, Instant at, AuditEvent event) {
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
        receipt.auditSeq = event.seq;
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
        facts.put("auditLeaf", HexFormat.of().formatHex(event.leafHash));
        facts.put("issuer", "Tenderhall");
        receipt.content = CanonicalJson.of(facts).getBytes(StandardCharsets.UTF_8);
        receipt.signature = sign(receipt.content);
        try {
            receipt.timestamp = timestamps.stamp(MessageDigest.getInstance("SHA-256").digest(receipt.content))
                    .getEncoded();
        } catch (TSPException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot timestamp receipt " + receipt.id, e);
        }
        em.persist(receipt);
        return receipt;
    }

    private byte[] sign(byte[] content) {
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
