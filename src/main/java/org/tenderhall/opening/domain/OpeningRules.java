package org.tenderhall.opening.domain;

import java.time.Instant;
import org.tenderhall.seal.SealFailure;

/** The rules of the opening (DOMAIN.md, "Numbers and rules"), as plain functions. */
public final class OpeningRules {

    /** Fewer valid bids than this at the deadline: no opening; the tender fails (流标). */
    public static final int MINIMUM_BIDS = 3;

    private OpeningRules() {
    }

    public static boolean tooFewBids(long validBids) {
        return validBids < MINIMUM_BIDS;
    }

    /** Whether the bids may be opened: from the opening time on, and not a millisecond before. */
    public static boolean due(Instant openingTime, Instant now) {
        return !now.isBefore(openingTime);
    }

    /** Whether bidders may still confirm the record or object to it: from its completion until the window ends. */
    public static boolean objectionWindowOpen(Instant objectionsUntil, Instant now) {
        return objectionsUntil != null && now.isBefore(objectionsUntil);
    }

    /**
     * Whose fault a bid that did not open is. The platform checked at submission that the stored envelope is
     * intact, signed by the bidder and encrypted to the opening key; so when the file is still the one received,
     * what is inside is the bidder's doing (revoked, 撤销); when the file is no longer the one received, it is
     * the platform's (withdrawn, 撤回).
     *
     * @param fileIntact whether the stored envelope still has the SHA-256 it had at submission
     */
    public static Outcome blame(SealFailure failure, boolean fileIntact) {
        if (!fileIntact || failure == SealFailure.TAMPERED) {
            return Outcome.WITHDRAWN;
        }
        return Outcome.REVOKED;
    }
}
