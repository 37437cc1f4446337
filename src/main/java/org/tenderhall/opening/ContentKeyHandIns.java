package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.kernel.Actor;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningContentKey;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.ContentKeyDocument;
import org.tenderhall.seal.ContentKeys;
import org.tenderhall.seal.SealException;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.tender.TendersAtOpening;

/**
 * Bidder decrypts: at the opening each bidder takes its bid's content key out with its own key
 * ({@code bidkit decrypt}) and hands it in encrypted to the opening's transport certificate, within the decryption
 * window. The platform checks that the key is for the bidder's own valid bid and that it decrypts it, then keeps
 * it under the KEK until the bid is opened. Every refusal is recorded and changes nothing.
 */
@ApplicationScoped
public class ContentKeyHandIns {

    public static final ProblemType WINDOW_CLOSED =
            new ProblemType("decryption-window-closed", "The time to hand in content keys has ended", 409);
    public static final ProblemType KEY_FOR_ANOTHER_BID =
            new ProblemType("key-for-another-bid", "The key is not for a valid bid of your organisation here", 422);
    public static final ProblemType KEY_DOES_NOT_DECRYPT =
            new ProblemType("key-does-not-decrypt", "The key does not decrypt the bid", 422);
    public static final ProblemType KEY_INVALID =
            new ProblemType("key-invalid", "Not a content key encrypted to this opening's transport certificate", 422);
    public static final ProblemType ALREADY_HANDED_IN =
            new ProblemType("key-already-handed-in", "The key of this bid is already handed in", 409);

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    OpeningKeyCustody custody;

    @Inject
    OpeningHall hall;

    @Inject
    BidSubmissions bids;

    @Inject
    BlobStore store;

    @Transactional(dontRollbackOn = Rejection.class)
    public OpeningContentKey handIn(Actor bidder, UUID tenderId, byte[] envelope) {
        Instant now = custody.requireOpeningTime(bidder, tenderId, "ContentKeyRefused");
        Opening opening = em.find(Opening.class, tenderId, LockModeType.PESSIMISTIC_WRITE);
        if (opening == null || opening.custody != Custody.BIDDER_DECRYPTS) {
            throw refused(bidder, tenderId, opening == null ? OpeningProblems.NOT_STARTED : OpeningProblems.CUSTODY,
                    opening == null ? "The opening has not started yet" : "Bidders do not decrypt at this opening");
        }
        if (!now.isBefore(opening.decryptionUntil)) {
            throw refused(bidder, tenderId, WINDOW_CLOSED, "Content keys were taken until " + opening.decryptionUntil);
        }
        ContentKeyDocument document;
        try {
            document = ContentKeyDocument.parse(custody.openHandedIn(opening, envelope));
        } catch (SealException | IllegalArgumentException e) {
            throw refused(bidder, tenderId, KEY_INVALID, "The key is not a content key encrypted to this opening's"
                    + " transport certificate"); // the parser's own words name its classes, not what to fix
        }
        Optional<BidSubmissions.ValidBid> bid = bids.valid(tenderId).stream()
                .filter(b -> b.organisation().equals(bidder.organisation().value())
                        && b.envelopeSha256().equals(document.envelopeSha256())).findFirst();
        if (!document.tenderId().equals(tenderId.toString()) || bid.isEmpty()) {
            throw refused(bidder, tenderId, KEY_FOR_ANOTHER_BID, "The key names envelope " + document.envelopeSha256()
                    + " of tender " + document.tenderId() + ", which is not a valid bid of your organisation here");
        }
        if (em.find(OpeningContentKey.class, bid.get().id()) != null) {
            throw refused(bidder, tenderId, ALREADY_HANDED_IN, "The key of your bid is already handed in");
        }
        byte[] key = document.keyBytes();
        try {
            if (!ContentKeys.opens(store.path(bid.get().envelopeSha256()), key)) {
                throw refused(bidder, tenderId, KEY_DOES_NOT_DECRYPT, "The key does not decrypt your bid: take it out"
                        + " again with the key the bid was sealed to you with");
            }
        } catch (SealException | IOException e) {
            throw new IllegalStateException("The stored envelope of bid " + bid.get().id() + " cannot be read", e);
        }
        OpeningContentKey handedIn = new OpeningContentKey();
        handedIn.bidId = bid.get().id();
        handedIn.tenderId = tenderId;
        handedIn.keyWrapped = custody.sealUnderKek(key);
        handedIn.handedInBy = bidder.username();
        handedIn.handedInAt = now;
        em.persist(handedIn);
        java.util.Arrays.fill(key, (byte) 0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bid", handedIn.bidId.toString());
        data.put("bidder", bidder.organisation().value());
        audit.record(bidder, "ContentKeyHandedIn", TendersAtOpening.subject(tenderId), data);
        hall.event(tenderId, "key-handed-in", data, now);
        return handedIn;
    }

    private Rejection refused(Actor bidder, UUID tenderId, ProblemType problem, String detail) {
        return audit.refused(bidder, "ContentKeyRefused", TendersAtOpening.subject(tenderId),
                Map.of("problem", problem.slug(), "detail", detail), new Rejection(problem, detail));
    }
}
