package org.tenderhall.bid;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.jboss.logging.Logger;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.domain.UploadState;
import org.tenderhall.bid.domain.UploadTransition;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.platform.database.TransactionLock;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.SealException;
import org.tenderhall.seal.TextForm;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.tender.Registrations;
import org.tenderhall.tender.TenderProblems;

/**
 * The resumable upload of a sealed bid: created with its declared size and outer signature, sent in pieces from
 * the offset the platform confirmed (each piece on disk before it is confirmed), then committed or abandoned. One
 * upload per bidder and tender at a time; one request at a time per upload. Its state changes only by the
 * transitions of {@link UploadTransition}: committed ({@link BidSubmissions}), rejected at its commit, or abandoned.
 */
@ApplicationScoped
public class BidUploads {

    private static final Logger LOG = Logger.getLogger(BidUploads.class);

    @Inject
    BidConfig config;

    @Inject
    BiddingWindows window;

    @Inject
    Registrations registrations;

    @Inject
    BlobStore store;

    @Inject
    UploadInspections inspections;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    /** Opens an upload; the early checks (window, registration, size, signature's form) spare a useless transfer. */
    public BidUpload create(Actor bidder, UUID tenderId, String lot, long size, byte[] signature) {
        try {
            return open(bidder, tenderId, lot, size, signature);
        } catch (Rejection refused) {
            throw audit.refused(bidder, "BidUploadRefused", "tender:" + tenderId,
                    Map.of("reason", refused.type().slug(), "detail", refused.getMessage()), refused);
        }
    }

    private BidUpload open(Actor bidder, UUID tenderId, String lot, long size, byte[] signature) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            window.require(tenderId, now);
            String organisation = bidder.organisation().value();
            if (!registrations.registered(organisation, tenderId)) {
                throw new Rejection(TenderProblems.NOT_REGISTERED, "Your organisation has not registered for tender "
                        + tenderId + ": download its documents first");
            }
            if (size <= 0) {
                throw new Rejection(BidProblems.EMPTY, "A sealed bid has at least one byte",
                        List.of(new FieldError("size", "must be above 0")));
            }
            if (size > config.maxSize().asLongValue()) {
                throw new Rejection(BidProblems.TOO_LARGE, "A sealed bid may have at most " + config.maxSize().asLongValue()
                        + " bytes", List.of(new FieldError("size", "must be at most " + config.maxSize().asLongValue())));
            }
            byte[] der = requireCms(signature);
            TransactionLock.acquire(em, "bid-upload:" + tenderId + ":" + organisation);
            List<UUID> open = em.createQuery("select u.id from BidUpload u where u.tenderId = :tender and"
                    + " u.organisation = :org and u.state = :open", UUID.class).setParameter("tender", tenderId)
                    .setParameter("org", organisation).setParameter("open", UploadState.OPEN).getResultList();
            if (!open.isEmpty()) {
                throw new Rejection(BidProblems.UPLOAD_IN_PROGRESS, "Upload " + open.get(0) + " of your organisation"
                        + " is under way for this tender: resume it, commit it, or abandon it (DELETE) first");
            }
            BidUpload upload = BidUpload.open(UUID.randomUUID(), now);
            upload.tenderId = tenderId;
            upload.lot = lot;
            upload.organisation = organisation;
            upload.createdBy = bidder.username();
            upload.declaredSize = size;
            upload.signature = der;
            em.persist(upload);
            audit.record(bidder, "BidUploadCreated", "bid-upload:" + upload.id, Map.of("tenderId", tenderId.toString(),
                    "lot", lot, "size", size));
            return upload;
        });
    }

    /** The caller's own upload; another organisation's is not known to exist. */
    public BidUpload own(Actor bidder, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            BidUpload upload = em.find(BidUpload.class, id);
            if (upload == null || !upload.organisation.equals(bidder.organisation().value())) {
                throw new Rejection(ProblemType.NOT_FOUND, "There is no upload " + id + " of your organisation");
            }
            em.detach(upload);
            return upload;
        });
    }

    /**
     * Appends bytes from {@code offset}, which must be what the platform holds. Whatever arrived is kept and
     * confirmed, also when the connection drops mid-way: the bidder resumes from there. While a long body arrives,
     * the length on disk is confirmed every so often too (see {@link BlobStore#append}), so that a crash of the
     * platform in the middle loses at most the bytes since.
     *
     * @return the bytes held now
     */
    public long append(Actor bidder, UUID id, long offset, InputStream body) throws IOException {
        own(bidder, id); // another organisation's upload is not found, busy or not
        return exclusively(id, () -> {
            BidUpload upload = own(bidder, id);
            requireOpen(upload);
            if (offset != upload.received) {
                throw new OffsetMismatch(upload.received);
            }
            long length;
            try {
                length = store.append(id, offset, body, upload.declaredSize, inspections.follow(upload, offset),
                        durable -> checkpoint(id, durable));
            } catch (BlobStore.TooLong e) {
                confirm(id, upload.declaredSize);
                throw new Rejection(BidProblems.LONGER_THAN_DECLARED, "The upload declared " + upload.declaredSize
                        + " bytes; the bytes beyond were not kept. Commit what it holds, or abandon it.");
            } catch (IOException e) {
                long held = store.received(id);
                confirm(id, held);
                LOG.infof("Upload %s interrupted at %d of %d bytes: %s", id, held, upload.declaredSize, e.toString());
                throw new java.io.UncheckedIOException(e);
            } finally {
                inspections.appended(id); // whatever arrived: the follower's view of the file is as of now
            }
            confirm(id, length);
            return length;
        });
    }

    /** Gives the upload up: its bytes are deleted. */
    public void abandon(Actor bidder, UUID id) {
        own(bidder, id);
        exclusively(id, () -> {
            BidUpload upload = own(bidder, id);
            requireOpen(upload);
            QuarkusTransaction.requiringNew().run(() -> {
                BidUpload held = em.find(BidUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
                transition(held, UploadTransition.ABANDON, clock.instant()); // not committed meanwhile
                audit.record(bidder, "BidUploadAbandoned", "bid-upload:" + id, Map.of("received", held.received));
            });
            inspections.forget(id);
            store.discard(id);
            return null;
        });
    }

    /**
     * Runs {@code work} on the caller's upload when it is open and holds every byte it declared, as the only request
     * on it in this process: for its commit.
     */
    <T> T committing(Actor bidder, UUID id, Function<BidUpload, T> work) {
        own(bidder, id); // another organisation's upload is not found, busy or not
        return exclusively(id, () -> {
            BidUpload upload = own(bidder, id);
            requireOpen(upload);
            if (upload.received != upload.declaredSize) {
                throw new Rejection(BidProblems.UPLOAD_INCOMPLETE, "The upload holds " + upload.received + " of the "
                        + upload.declaredSize + " bytes declared: send the rest from offset " + upload.received);
            }
            return work.apply(upload);
        });
    }

    /**
     * An upload refused at its commit for the bid's own sake: the refusal recorded, the upload rejected and its bytes
     * deleted (unless a committed bid holds the same bytes: those are the kept file's, not the upload's).
     */
    void reject(Actor bidder, BidUpload upload, Rejection refused) {
        QuarkusTransaction.requiringNew().run(() -> {
            BidUpload held = em.find(BidUpload.class, upload.id, LockModeType.PESSIMISTIC_WRITE);
            if (!UploadTransition.REJECT.allowedFrom(held.state())) {
                return; // closed meanwhile
            }
            held.apply(UploadTransition.REJECT, clock.instant());
            audit.recordRefusal(bidder, "BidRejected", "tender:" + upload.tenderId, Map.of("upload", upload.id.toString(),
                    "reason", refused.type().slug(), "detail", refused.getMessage()));
        });
        inspections.forget(upload.id);
        store.discard(upload.id);
        LOG.infof("Upload %s refused at commit: %s", upload.id, refused.type().slug());
    }

    /** Runs {@code work} as the only request on this upload in this process; another gets {@code upload-busy}. */
    private <T> T exclusively(UUID id, Supplier<T> work) {
        if (!busy.add(id)) {
            throw new Rejection(BidProblems.UPLOAD_BUSY, "Upload " + id + " is receiving bytes in another request;"
                    + " wait for it to end, then ask where the upload stands (HEAD)");
        }
        try {
            return work.get();
        } finally {
            busy.remove(id);
        }
    }

    private void confirm(UUID id, long received) {
        QuarkusTransaction.requiringNew().run(() -> {
            BidUpload upload = em.find(BidUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (upload.state().isOpen()) {
                upload.received = received;
                upload.updatedAt = clock.instant();
            }
        });
    }

    /**
     * A length synced to disk while a long append still runs: a crash in the middle resumes from there rather than
     * from where the append began. Only forward, and only while the upload is open.
     */
    private void checkpoint(UUID id, long received) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update BidUpload u set u.received = :received,"
                        + " u.updatedAt = :now where u.id = :id and u.state = :open and u.received < :received")
                .setParameter("received", received).setParameter("now", clock.instant()).setParameter("id", id)
                .setParameter("open", UploadState.OPEN).executeUpdate());
    }

    private static void requireOpen(BidUpload upload) {
        if (!upload.state().isOpen()) {
            throw closed(upload);
        }
    }

    /** Carries out {@code transition} on the upload (its row held), or refuses it as {@code upload-closed}. */
    static void transition(BidUpload held, UploadTransition transition, Instant at) {
        requireAllowed(held, transition);
        held.apply(transition, at);
    }

    /** Refuses as {@code upload-closed} a transition the upload's state does not allow. */
    static void requireAllowed(BidUpload held, UploadTransition transition) {
        if (!transition.allowedFrom(held.state())) {
            throw closed(held);
        }
    }

    private static Rejection closed(BidUpload upload) {
        return new Rejection(BidProblems.UPLOAD_CLOSED, "Upload " + upload.id + " is "
                + upload.state().name().toLowerCase() + "; start a new one");
    }

    /** The signature's DER: a PEM or Base64 one is decoded (its bytes are not what it signs, so nothing is lost). */
    private static byte[] requireCms(byte[] signature) {
        byte[] der;
        try {
            der = TextForm.signatureDer(signature);
        } catch (SealException e) {
            throw new Rejection(BidProblems.MALFORMED, e.getMessage(),
                    List.of(new FieldError("signature", "must be the base64 of the detached CMS signature")));
        }
        try {
            ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
            return der;
        } catch (IOException | RuntimeException e) {
            throw new Rejection(BidProblems.MALFORMED, "The signature is not a DER CMS structure (bid.cms.p7s)",
                    List.of(new FieldError("signature", "must be the base64 of the detached CMS signature")));
        }
    }

    /** The client's offset is not where the upload stands; the problem says where it does. */
    public static final class OffsetMismatch extends Rejection {
        private final long received;

        OffsetMismatch(long received) {
            super(BidProblems.OFFSET_MISMATCH, "The upload holds " + received + " bytes: send from there");
            this.received = received;
        }

        public long received() {
            return received;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Upload-Offset", Long.toString(received));
        }
    }
}
