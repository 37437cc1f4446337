package org.tenderhall.bid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.tenderhall.bid.domain.BiddingWindow;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.tender.Tenders;

/** Refuses a bidder's command outside the tender's bidding window ({@link BiddingWindow}), with the problem that says why. */
@ApplicationScoped
public class BiddingWindows {

    @Inject
    Tenders tenders;

    void require(UUID tenderId, Instant at) {
        require(tenderId, at, false);
    }

    /**
     * @param locked hold the tender row (shared) to the end of the transaction, so that bidding cannot close between
     *               this check and the commit
     */
    void require(UUID tenderId, Instant at, boolean locked) {
        Tenders.BiddingTerms terms = (locked ? tenders.biddingTermsLocked(tenderId) : tenders.biddingTerms(tenderId))
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "There is no published tender " + tenderId));
        BiddingWindow.closed(terms.status(), terms.bidDeadline(), at).ifPresent(closed -> {
            throw switch (closed) {
                case DEADLINE_PASSED -> new Rejection(BidProblems.LATE, "The bid deadline of tender " + tenderId
                        + " was " + terms.bidDeadline() + "; it is now " + at + ". Late bids are not accepted.");
                case NOT_PUBLISHED -> new Rejection(BidProblems.BIDDING_NOT_OPEN, "Tender " + tenderId + " is "
                        + terms.status().name().toLowerCase().replace('_', ' ') + ": it takes no bids");
            };
        });
    }
}
