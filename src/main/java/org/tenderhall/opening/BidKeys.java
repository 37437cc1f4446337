package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.bid.BidSubmissions.ValidBid;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningContentKey;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;

/**
 * The key that opens each bid of an opening under way: the opening key, unlocked from its custody (scheduled, or
 * dual control once enough shares are in), or, when bidders decrypt, each bidder's own content key.
 */
@ApplicationScoped
class BidKeys {

    /**
     * The bids that can be opened now, each with its key; {@code keyless}: those whose bidder let the decryption
     * window end without handing in its key, which are revoked.
     */
    record Found(Map<ValidBid, BidKey> keys, List<ValidBid> keyless) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    OpeningKeyCustody custody;

    /** The keys of the pending bids; empty while dual control waits for custodians to hand in their shares. */
    Optional<Found> of(OpeningTerms tender, Opening opening, List<ValidBid> pending) {
        Map<ValidBid, BidKey> keys = new LinkedHashMap<>();
        if (opening.custody == Custody.BIDDER_DECRYPTS) {
            Instant now = clock.instant();
            List<ValidBid> keyless = new ArrayList<>();
            for (ValidBid bid : pending) {
                Optional<byte[]> key = contentKey(bid.id());
                if (key.isPresent()) {
                    keys.put(bid, (envelope, signer, sha256, out) -> BidOpener.openWithContentKey(envelope, signer,
                            sha256, key.get(), out));
                } else if (!now.isBefore(opening.decryptionUntil)) {
                    keyless.add(bid);
                }
            }
            return Optional.of(new Found(keys, keyless));
        }
        if (pending.isEmpty()) {
            return Optional.of(new Found(keys, List.of()));
        }
        Optional<OpeningKeyCustody.Unlocked> unlocked = custody.unlock(
                Actor.system(new OrgCode(tender.agentOrganisation())), tender.id());
        if (unlocked.isEmpty()) {
            return Optional.empty();
        }
        OpeningKeyCustody.Unlocked key = unlocked.get();
        for (ValidBid bid : pending) {
            keys.put(bid, (envelope, signer, sha256, out) -> BidOpener.open(envelope, signer, sha256, key.key(),
                    key.certificate(), out));
        }
        return Optional.of(new Found(keys, List.of()));
    }

    /** The content key a bidder handed in for its bid, if it did. */
    private Optional<byte[]> contentKey(UUID bidId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(em.find(OpeningContentKey.class, bidId)))
                .map(k -> {
                    try {
                        return custody.openUnderKek(k.keyWrapped);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("The content key of bid " + bidId + " does not unwrap", e);
                    }
                });
    }
}
