package org.tenderhall.bid;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.bid.store.Receipt;
import org.tenderhall.bid.store.SealedBid;
import org.tenderhall.kernel.Actor;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.pki.TrustList;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.database.TransactionLock;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.Inspection;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.tender.Registrations;
import org.tenderhall.tender.TenderProblems;

/**
 * Commits an upload into a sealed bid, after every check that can be made without opening it, each refusal with
 * its own problem and in the audit log; withdraws a bid; answers a bidder about its own bids and receipts only.
 * The envelope is durable in storage before the row that names it commits.
 */
@ApplicationScoped
public class BidSubmissions {

    private static final Logger LOG = Logger.getLogger(BidSubmissions.class);

    /** For the crash test only: halt the JVM after the envelope is kept and before its row commits. */
    @ConfigProperty(name = "tenderhall.fault.halt-after-envelope-kept", defaultValue = "false")
    boolean haltAfterKept;

    @Inject
    BidUploads uploads;

    @Inject
    Registrations registrations;

    @Inject
    OpeningCertificates openingCertificates;

    @Inject
    TrustList trustList;

    @Inject
    Receipts receipts;

    @Inject
    UploadInspections inspections;

    @Inject
    BlobStore store;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Commits a complete upload: the receipt, or the refusal. A refusal for the bid's own sake (a 4xx problem) closes
     * the upload and deletes its bytes; a fault of the platform (an unavailable key, a failed write) leaves the upload
     * open and whole, to be committed again.
     */
    public Receipt commit(Actor bidder, UUID uploadId) {
        uploads.own(bidder, uploadId); // another organisation's upload is not found, busy or not
        return uploads.exclusively(uploadId, () -> {
            BidUpload upload = uploads.own(bidder, uploadId);
            BidUploads.requireOpen(upload);
            if (upload.received != upload.declaredSize) {
                throw new Rejection(BidProblems.UPLOAD_INCOMPLETE, "The upload holds " + upload.received + " of the "
                        + upload.declaredSize + " bytes declared: send the rest from offset " + upload.received);
            }
            Inspection inspection;
            try {
                inspection = inspections.inspect(upload);
            } catch (Rejection refused) {
                refuse(bidder, upload, refused);
                throw refused;
            }
            try {
                Receipt receipt = QuarkusTransaction.requiringNew().call(() -> submit(bidder, upload, inspection));
                store.discard(uploadId); // the kept file holds the bytes now
                return receipt;
            } catch (Rejection refused) {
                forgetIfUnnamed(inspection.envelopeSha256());
                if (refused.type().status() < 500) {
                    refuse(bidder, upload, refused);
                }
                throw refused;
            } catch (RuntimeException fault) {
                forgetIfUnnamed(inspection.envelopeSha256());
                throw fault;
            }
        });
    }

    /** A kept file that no committed bid names (its commit failed) is deleted; the upload keeps its own copy. */
    private void forgetIfUnnamed(String sha256) {
        long named = QuarkusTransaction.requiringNew().call(() -> em.createQuery("select count(b) from SealedBid b"
                + " where b.envelopeSha256 = :sha", Long.class).setParameter("sha", sha256).getSingleResult());
        if (named == 0) {
            store.forget(sha256);
        }
    }

    private Receipt submit(Actor bidder, BidUpload upload, Inspection inspection) throws IOException {
        BidUpload held = em.find(BidUpload.class, upload.id, LockModeType.PESSIMISTIC_WRITE);
        BidUploads.requireOpen(held); // not abandoned meanwhile
        Instant now = clock.instant();
        uploads.requireWindow(upload.tenderId, now, true);
        if (!registrations.registered(upload.organisation, upload.tenderId)) {
            throw new Rejection(TenderProblems.NOT_REGISTERED, "Your organisation has not registered for the tender");
        }
        trustList.check(inspection.signer(), inspection.certificates(), now, upload.organisation,
                CertificateCheck.Purpose.SIGNING);
        var opening = openingCertificates.of(upload.tenderId).orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND,
                "Tender " + upload.tenderId + " has no opening certificate"));
        if (!inspection.isEncryptedTo(opening.certificate())) {
            throw new Rejection(BidProblems.NOT_FOR_THE_OPENING, "The bid is not encrypted to the tender's opening"
                    + " certificate (SHA-256 " + opening.sha256() + "): it could not be opened at the opening. Seal it"
                    + " again to GET /api/tenders/" + upload.tenderId + "/opening-certificate.");
        }
        if (opening.custody() == Custody.BIDDER_DECRYPTS && !inspection.isEncryptedTo(inspection.signer())) {
            throw new Rejection(BidProblems.NOT_FOR_THE_BIDDER, "At this tender's opening each bidder decrypts its own"
                    + " bid with its own key: seal it to your own certificate too (bidkit does by default)");
        }
        BlobStore.Blob blob = store.keep(upload.id, inspection.envelopeSha256());
        if (haltAfterKept) {
            LOG.error("tenderhall.fault.halt-after-envelope-kept is set: halting, as a crash would, before the bid commits");
            Runtime.getRuntime().halt(137);
        }
        if (blob.size() != inspection.envelopeSize()) {
            throw new IllegalStateException("upload " + upload.id + " changed between inspection and keeping");
        }
        TransactionLock.acquire(em, "bid:" + upload.tenderId + ":" + upload.organisation + ":" + upload.lot);
        List<SealedBid> earlier = em.createQuery("from SealedBid b where b.tenderId = :tender and b.organisation = :org"
                + " and b.lot = :lot and b.status = :valid", SealedBid.class).setParameter("tender", upload.tenderId)
                .setParameter("org", upload.organisation).setParameter("lot", upload.lot)
                .setParameter("valid", SealedBid.Status.VALID).getResultList();
        for (SealedBid previous : earlier) {
            previous.status = SealedBid.Status.SUPERSEDED;
            previous.statusChangedAt = now;
        }
        em.flush();
        SealedBid bid = new SealedBid();
        bid.id = UUID.randomUUID();
        bid.tenderId = upload.tenderId;
        bid.lot = upload.lot;
        bid.organisation = upload.organisation;
        bid.uploadId = upload.id;
        bid.envelopeSha256 = blob.sha256();
        bid.size = blob.size();
        bid.signature = upload.signature;
        try {
            bid.signerCertificate = Pem.pem(inspection.signer());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        bid.receivedAt = now;
        bid.status = SealedBid.Status.VALID;
        em.persist(bid);
        held.state = BidUpload.State.COMMITTED;
        held.updatedAt = now;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bidId", bid.id.toString());
        data.put("tenderId", bid.tenderId.toString());
        data.put("lot", bid.lot);
        data.put("envelopeSha256", bid.envelopeSha256);
        data.put("size", bid.size);
        data.put("receivedAt", now.toString());
        data.put("signer", inspection.signer().getSubjectX500Principal().getName());
        data.put("supersedes", earlier.stream().map(b -> b.id.toString()).toList());
        AuditEvent event = audit.record(bidder, "BidSubmitted", "tender:" + bid.tenderId, data);
        return receipts.issue(Receipt.Kind.SUBMITTED, bid, now, event);
    }

    /** A refused commit: recorded, the upload closed, its bytes deleted (unless a committed bid holds the same bytes). */
    private void refuse(Actor bidder, BidUpload upload, Rejection refused) {
        QuarkusTransaction.requiringNew().run(() -> {
            BidUpload held = em.find(BidUpload.class, upload.id, LockModeType.PESSIMISTIC_WRITE);
            if (held.state != BidUpload.State.OPEN) {
                return;
            }
            held.state = BidUpload.State.REJECTED;
            held.updatedAt = clock.instant();
            audit.recordRefusal(bidder, "BidRejected", "tender:" + upload.tenderId, Map.of("upload", upload.id.toString(),
                    "reason", refused.type().slug(), "detail", refused.getMessage()));
        });
        inspections.forget(upload.id);
        store.discard(upload.id);
        LOG.infof("Upload %s refused at commit: %s", upload.id, refused.type().slug());
    }

    /** Withdraws the caller's valid bid before the deadline; the withdrawal gets a receipt too. */
    public Receipt withdraw(Actor bidder, UUID bidId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SealedBid found = em.find(SealedBid.class, bidId);
            if (found == null || !found.organisation.equals(bidder.organisation().value())) {
                throw new Rejection(ProblemType.NOT_FOUND, "There is no bid " + bidId + " of your organisation");
            }
            TransactionLock.acquire(em, "bid:" + found.tenderId + ":" + found.organisation + ":" + found.lot);
            SealedBid bid = em.find(SealedBid.class, bidId, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(bid);
            Instant now = clock.instant();
            uploads.requireWindow(bid.tenderId, now, true);
            if (bid.status != SealedBid.Status.VALID) {
                throw new Rejection(BidProblems.BID_CLOSED, "Bid " + bidId + " is " + bid.status.name().toLowerCase());
            }
            bid.status = SealedBid.Status.WITHDRAWN;
            bid.statusChangedAt = now;
            AuditEvent event = audit.record(bidder, "BidWithdrawn", "tender:" + bid.tenderId,
                    Map.of("bidId", bid.id.toString(), "lot", bid.lot, "withdrawnAt", now.toString()));
            return receipts.issue(Receipt.Kind.WITHDRAWN, bid, now, event);
        });
    }

    /** The caller's organisation's own bids for a tender, newest first. Nobody can list another's. */
    public List<SealedBid> own(Actor bidder, UUID tenderId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from SealedBid b where b.tenderId = :tender"
                + " and b.organisation = :org order by b.receivedAt desc", SealedBid.class)
                .setParameter("tender", tenderId).setParameter("org", bidder.organisation().value()).getResultList());
    }

    /** A valid bid as the opening needs it: where its envelope is, who signed it as checked, when it arrived. */
    public record ValidBid(UUID id, String lot, String organisation, String envelopeSha256, long size,
            String signerCertificate, Instant receivedAt) {
    }

    /** The valid bids of a tender, in receipt order: for the opening only, which alone may count or list them. */
    public List<ValidBid> valid(UUID tenderId) {
        return em.createQuery("from SealedBid b where b.tenderId = :tender and b.status = :valid order by b.receivedAt",
                SealedBid.class).setParameter("tender", tenderId).setParameter("valid", SealedBid.Status.VALID)
                .getResultList().stream().map(b -> new ValidBid(b.id, b.lot, b.organisation, b.envelopeSha256, b.size,
                        b.signerCertificate, b.receivedAt)).toList();
    }

    /** A receipt of the caller's organisation; another's is not known to exist. */
    public Receipt receipt(Actor bidder, UUID receiptId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Receipt receipt = em.find(Receipt.class, receiptId);
            SealedBid bid = receipt == null ? null : em.find(SealedBid.class, receipt.bidId);
            if (bid == null || !bid.organisation.equals(bidder.organisation().value())) {
                throw new Rejection(ProblemType.NOT_FOUND, "There is no receipt " + receiptId + " of your organisation");
            }
            return receipt;
        });
    }

    public List<Receipt> receipts(UUID bidId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from Receipt r where r.bidId = :bid"
                + " order by r.sequence", Receipt.class).setParameter("bid", bidId).getResultList());
    }
}
