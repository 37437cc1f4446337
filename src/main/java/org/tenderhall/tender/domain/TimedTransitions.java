package org.tenderhall.tender.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The transitions that time alone makes due, computed from a tender's data: a published tender whose bid
 * deadline has come closes for bidding; a closed one whose opening time has come is opened (or, with too few bids,
 * fails: the opening decides that from the bids). The end of publicity and the like join with their issues.
 */
public final class TimedTransitions {

    private TimedTransitions() {
    }

    public static Optional<TenderTransition> due(TenderStatus status, Instant bidDeadline, Instant openingTime,
            Instant now) {
        if (status == TenderStatus.PUBLISHED && !now.isBefore(bidDeadline)) {
            return Optional.of(TenderTransition.CLOSE_BIDDING);
        }
        if (status == TenderStatus.BIDDING_CLOSED && !now.isBefore(openingTime)) {
            return Optional.of(TenderTransition.START_OPENING);
        }
        return Optional.empty();
    }
}
