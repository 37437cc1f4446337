package org.tenderhall.bid.domain;

import static org.tenderhall.bid.domain.BidStatus.SUPERSEDED;
import static org.tenderhall.bid.domain.BidStatus.VALID;
import static org.tenderhall.bid.domain.BidStatus.WITHDRAWN;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one transition table of a committed bid: a later bid of the same bidder for the same lot supersedes it, or its
 * bidder withdraws it, each only while it is valid. Anything not listed is refused; nothing makes a bid valid again.
 */
public enum BidTransition {
    /** A later bid of the same organisation for the same lot commits. */
    SUPERSEDE(EnumSet.of(VALID), SUPERSEDED),
    WITHDRAW(EnumSet.of(VALID), WITHDRAWN);

    private final Set<BidStatus> from;
    private final BidStatus to;

    BidTransition(Set<BidStatus> from, BidStatus to) {
        this.from = from;
        this.to = to;
    }

    public BidStatus to() {
        return to;
    }

    public boolean allowedFrom(BidStatus status) {
        return from.contains(status);
    }

    /** The status after this transition, or the refusal. */
    public BidStatus apply(BidStatus status) {
        if (!allowedFrom(status)) {
            throw new IllegalTransition(this, status);
        }
        return to;
    }

    /** The transition that leads from one status to the other, if the table has one. */
    public static Optional<BidTransition> between(BidStatus from, BidStatus to) {
        return Arrays.stream(values()).filter(t -> t.to == to && t.allowedFrom(from)).findFirst();
    }

    /** A transition refused by the table: the bid is not in a status it can start from. */
    public static final class IllegalTransition extends RuntimeException {
        private final BidStatus status;

        public IllegalTransition(BidTransition transition, BidStatus status) {
            super("A bid that is " + status.name().toLowerCase() + " cannot be " + switch (transition) {
                case SUPERSEDE -> "superseded";
                case WITHDRAW -> "withdrawn";
            });
            this.status = status;
        }

        public BidStatus status() {
            return status;
        }
    }
}
