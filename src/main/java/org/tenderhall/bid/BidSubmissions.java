package org.tenderhall.bid;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.tenderhall.audit.AuditEntry;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.domain.BidStatus;
import org.tenderhall.bid.domain.BidTransition;
import org.tenderhall.bid.domain.UploadTransition;
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
 * The envelope is durable in storage before the transaction that names it begins. The bid, its audit entry and its
 * receipt's facts commit together; the receipt is completed, signed and stamped after that commit
 * ({@link Receipts}), so that no transaction waits for a TSA's round trip.
 */
@ApplicationScoped
public class BidSubmissions {

    private static final Logger LOG = Logger.getLogger(BidSubmissions.class);

    @Inject
    BidUploads uploads;

    @Inject
    BiddingWindows window;

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
        Receipt pending = uploads.committing(bidder, uploadId, upload -> {
            Inspection inspection;
            try {
                inspection = inspections.inspect(upload);
            } catch (Rejection refused) {
                uploads.reject(bidder, upload, refused);
                throw refused;
            }
            try {
                // Durable before the transaction that names it, which then holds its connection only briefly.
                BlobStore.Blob blob = keep(upload, inspection);
                Receipt written = QuarkusTransaction.requiringNew().call(() -> submit(bidder, upload, inspection, blob));
                store.discard(uploadId); // the kept file holds the bytes now
                return written;
            } catch (Rejection refused) {
                forgetIfUnnamed(inspection.envelopeSha256());
                if (refused.type().status() < 500) {
                    uploads.reject(bidder, upload, refused);
                }
                throw refused;
            } catch (RuntimeException fault) {
                forgetIfUnnamed(inspection.envelopeSha256());
                throw fault;
            }
        });
        return signed(pending, "Bid " + pending.bidId + " is committed");
    }

    /**
     * The receipt signed and stamped, now that what it receipts has committed; when that cannot be done now (the TSA
     * out of reach), the answer says the bid stands and where its receipt will be.
     */
    private Receipt signed(Receipt pending, String committed) {
        try {
            return receipts.sign(pending);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Receipt %s stays pending: it is signed and stamped when the job tries again", pending.id);
            throw new BidProblems.ReceiptPending(pending.id, committed + " (received at "
                    + Receipts.MILLISECONDS.format(pending.issuedAt) + "), but its receipt could not be signed and"
                    + " stamped yet. It will be: ask for it at /api/receipts/" + pending.id + " in a while.");
        }
    }

    /** A kept file that no committed bid names (its commit failed) is deleted; the upload keeps its own copy. */
    private void forgetIfUnnamed(String sha256) {
        long named = QuarkusTransaction.requiringNew().call(() -> em.createQuery("select count(b) from SealedBid b"
                + " where b.envelopeSha256 = :sha", Long.class).setParameter("sha", sha256).getSingleResult());
        if (named == 0) {
            store.forget(sha256);
        }
    }

    /** The envelope kept under its SHA-256: the upload's file linked into place, the directories synced. */
    private BlobStore.Blob keep(BidUpload upload, Inspection inspection) {
        try {
            BlobStore.Blob blob = store.keep(upload.id, inspection.envelopeSha256());
            if (blob.size() != inspection.envelopeSize()) {
                throw new IllegalStateException("upload " + upload.id + " changed between inspection and keeping");
            }
            return blob;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the envelope of upload " + upload.id, e);
        }
    }

    /** The bid, its audit event and its pending receipt, in the caller's transaction. */
    private Receipt submit(Actor bidder, BidUpload upload, Inspection inspection, BlobStore.Blob blob) {
        BidUpload held = em.find(BidUpload.class, upload.id, LockModeType.PESSIMISTIC_WRITE);
        BidUploads.requireAllowed(held, UploadTransition.COMMIT); // not abandoned meanwhile
        Instant now = clock.instant();
        window.require(upload.tenderId, now, true);
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
        TransactionLock.acquire(em, "bid:" + upload.tenderId + ":" + upload.organisation + ":" + upload.lot);
        List<SealedBid> earlier = em.createQuery("from SealedBid b where b.tenderId = :tender and b.organisation = :org"
                + " and b.lot = :lot and b.status = :valid", SealedBid.class).setParameter("tender", upload.tenderId)
                .setParameter("org", upload.organisation).setParameter("lot", upload.lot)
                .setParameter("valid", BidStatus.VALID).getResultList();
        for (SealedBid previous : earlier) {
            previous.apply(BidTransition.SUPERSEDE, now);
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
        em.persist(bid);
        held.apply(UploadTransition.COMMIT, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bidId", bid.id.toString());
        data.put("tenderId", bid.tenderId.toString());
        data.put("lot", bid.lot);
        data.put("envelopeSha256", bid.envelopeSha256);
        data.put("size", bid.size);
        data.put("receivedAt", now.toString());
        data.put("signer", inspection.signer().getSubjectX500Principal().getName());
        data.put("supersedes", earlier.stream().map(b -> b.id.toString()).toList());
        AuditEntry event = audit.record(bidder, "BidSubmitted", "tender:" + bid.tenderId, data);
        return receipts.prepare(Receipt.Kind.SUBMITTED, bid, now, event);
    }

    /** Withdraws the caller's valid bid before the deadline; the withdrawal gets a receipt too. */
    public Receipt withdraw(Actor bidder, UUID bidId) {
        Receipt pending = QuarkusTransaction.requiringNew().call(() -> {
            SealedBid found = em.find(SealedBid.class, bidId);
            if (found == null || !found.organisation.equals(bidder.organisation().value())) {
                throw new Rejection(ProblemType.NOT_FOUND, "There is no bid " + bidId + " of your organisation");
            }
            TransactionLock.acquire(em, "bid:" + found.tenderId + ":" + found.organisation + ":" + found.lot);
            SealedBid bid = em.find(SealedBid.class, bidId, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(bid);
            Instant now = clock.instant();
            window.require(bid.tenderId, now, true);
            if (!BidTransition.WITHDRAW.allowedFrom(bid.status())) {
                throw new Rejection(BidProblems.BID_CLOSED, "Bid " + bidId + " is " + bid.status().name().toLowerCase());
            }
            bid.apply(BidTransition.WITHDRAW, now);
            AuditEntry event = audit.record(bidder, "BidWithdrawn", "tender:" + bid.tenderId,
                    Map.of("bidId", bid.id.toString(), "lot", bid.lot, "withdrawnAt", now.toString()));
            return receipts.prepare(Receipt.Kind.WITHDRAWN, bid, now, event);
        });
        return signed(pending, "Bid " + bidId + " is withdrawn");
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
                SealedBid.class).setParameter("tender", tenderId).setParameter("valid", BidStatus.VALID)
                .getResultList().stream().map(b -> new ValidBid(b.id, b.lot, b.organisation, b.envelopeSha256, b.size,
                        b.signerCertificate, b.receivedAt)).toList();
    }

    /**
     * A receipt of the caller's organisation; another's is not known to exist. One not yet signed and stamped is
     * refused as {@code receipt-pending}, with when to ask again.
     */
    public Receipt receipt(Actor bidder, UUID receiptId) {
        Receipt receipt = QuarkusTransaction.requiringNew().call(() -> {
            Receipt found = em.find(Receipt.class, receiptId);
            SealedBid bid = found == null ? null : em.find(SealedBid.class, found.bidId);
            if (bid == null || !bid.organisation.equals(bidder.organisation().value())) {
                throw new Rejection(ProblemType.NOT_FOUND, "There is no receipt " + receiptId + " of your organisation");
            }
            return found;
        });
        if (!receipt.issued()) {
            throw new BidProblems.ReceiptPending(receipt.id, "Receipt " + receipt.id + " of bid " + receipt.bidId
                    + " (the bid is committed, received at " + Receipts.MILLISECONDS.format(receipt.issuedAt)
                    + ") is not signed and stamped yet; ask again in a while.");
        }
        return receipt;
    }

    public List<Receipt> receipts(UUID bidId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from Receipt r where r.bidId = :bid"
                + " order by r.sequence", Receipt.class).setParameter("bid", bidId).getResultList());
    }
}
