package org.tenderhall.tender.domain;

import static org.tenderhall.tender.domain.TenderStatus.AWARDED;
import static org.tenderhall.tender.domain.TenderStatus.BIDDING_CLOSED;
import static org.tenderhall.tender.domain.TenderStatus.CANCELLED;
import static org.tenderhall.tender.domain.TenderStatus.DRAFT;
import static org.tenderhall.tender.domain.TenderStatus.EVALUATION;
import static org.tenderhall.tender.domain.TenderStatus.FAILED;
import static org.tenderhall.tender.domain.TenderStatus.OPENING;
import static org.tenderhall.tender.domain.TenderStatus.PUBLICITY;
import static org.tenderhall.tender.domain.TenderStatus.PUBLISHED;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one transition table of a tender: every change of status is one of these named transitions, each
 * carried out by its own command (never by setting the status). Anything not listed is refused.
 */
public enum TenderTransition {
    PUBLISH(EnumSet.of(DRAFT), PUBLISHED),
    /** At the deadline, by the scheduler. */
    CLOSE_BIDDING(EnumSet.of(PUBLISHED), BIDDING_CLOSED),
    START_OPENING(EnumSet.of(BIDDING_CLOSED), OPENING),
    START_EVALUATION(EnumSet.of(OPENING), EVALUATION),
    PUBLISH_CANDIDATES(EnumSet.of(EVALUATION), PUBLICITY),
    /** An objection to the candidates upheld: the committee evaluates again. */
    REEVALUATE(EnumSet.of(PUBLICITY), EVALUATION),
    AWARD(EnumSet.of(PUBLICITY), AWARDED),
    /** Too few bids at the deadline, too few valid bids at the opening, or no acceptable bid at evaluation. */
    FAIL(EnumSet.of(BIDDING_CLOSED, OPENING, EVALUATION), FAILED),
    CANCEL(EnumSet.of(DRAFT, PUBLISHED, BIDDING_CLOSED, OPENING, EVALUATION, PUBLICITY), CANCELLED);

    private final Set<TenderStatus> from;
    private final TenderStatus to;

    TenderTransition(Set<TenderStatus> from, TenderStatus to) {
        this.from = from;
        this.to = to;
    }

    public TenderStatus to() {
        return to;
    }

    public boolean allowedFrom(TenderStatus status) {
        return from.contains(status);
    }

    /** The status after this transition, or the refusal. */
    public TenderStatus apply(TenderStatus status) {
        if (!allowedFrom(status)) {
            throw new IllegalTransition(this, status);
        }
        return to;
    }

    /** The transition that leads from one status to the other, if the table has one. */
    public static Optional<TenderTransition> between(TenderStatus from, TenderStatus to) {
        return Arrays.stream(values()).filter(t -> t.to == to && t.allowedFrom(from)).findFirst();
    }

    /** A transition refused by the table: the tender is not in a status it can start from. */
    public static final class IllegalTransition extends RuntimeException {
        private final TenderTransition transition;
        private final TenderStatus status;

        public IllegalTransition(TenderTransition transition, TenderStatus status) {
            super("A tender that is " + status.name().toLowerCase().replace('_', ' ') + " cannot "
                    + transition.name().toLowerCase().replace('_', ' '));
            this.transition = transition;
            this.status = status;
        }

        public TenderTransition transition() {
            return transition;
        }

        public TenderStatus status() {
            return status;
        }
    }
}
