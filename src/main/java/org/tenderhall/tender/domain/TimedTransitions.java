package org.tenderhall.tender.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The transitions that time alone makes due, computed from a tender's data: a published tender whose bid
 * deadline has come closes for bidding. (The opening, the end of publicity and the like join with their issues.)
 */
public final class TimedTransitions {

    private TimedTransitions() {
    }

    public static Optional<TenderTransition> due(TenderStatus status, Instant bidDeadline, Instant now) {
        if (status == TenderStatus.PUBLISHED && !now.isBefore(bidDeadline)) {
            return Optional.of(TenderTransition.CLOSE_BIDDING);
        }
        return Optional.empty();
    }
}
