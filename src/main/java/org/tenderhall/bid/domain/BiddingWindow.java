package org.tenderhall.bid.domain;

import java.time.Instant;
import java.util.Optional;
import org.tenderhall.tender.domain.TenderStatus;

/**
 * When a bid may be submitted, replaced or withdrawn: while the tender is published and strictly before its bid
 * deadline, by the platform's clock at the moment of commit. A bid whose last byte arrives after the deadline is
 * late, however early its upload started.
 */
public final class BiddingWindow {

    /** Why the window is closed. */
    public enum Closed {
        /** The tender is not (or no longer) published: a draft, closed, cancelled… */
        NOT_PUBLISHED,
        /** The deadline has come. */
        DEADLINE_PASSED
    }

    private BiddingWindow() {
    }

    /**
     * A bid after the deadline is late, also when the scheduler has already closed bidding; a cancelled tender (or
     * one not published) takes no bid at any time.
     */
    public static Optional<Closed> closed(TenderStatus status, Instant bidDeadline, Instant at) {
        if (status == TenderStatus.DRAFT || status == TenderStatus.CANCELLED) {
            return Optional.of(Closed.NOT_PUBLISHED);
        }
        if (!at.isBefore(bidDeadline)) {
            return Optional.of(Closed.DEADLINE_PASSED);
        }
        if (status != TenderStatus.PUBLISHED) {
            return Optional.of(Closed.NOT_PUBLISHED);
        }
        return Optional.empty();
    }
}
