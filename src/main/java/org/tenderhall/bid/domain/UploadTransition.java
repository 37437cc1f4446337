package org.tenderhall.bid.domain;

import static org.tenderhall.bid.domain.UploadState.ABANDONED;
import static org.tenderhall.bid.domain.UploadState.COMMITTED;
import static org.tenderhall.bid.domain.UploadState.OPEN;
import static org.tenderhall.bid.domain.UploadState.REJECTED;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one transition table of an upload: it is committed into a bid, refused at its commit, or abandoned by the
 * bidder, each only while it is open. Anything not listed is refused.
 */
public enum UploadTransition {
    COMMIT(EnumSet.of(OPEN), COMMITTED),
    /** Refused at its commit for the bid's own sake (a 4xx problem). */
    REJECT(EnumSet.of(OPEN), REJECTED),
    ABANDON(EnumSet.of(OPEN), ABANDONED);

    private final Set<UploadState> from;
    private final UploadState to;

    UploadTransition(Set<UploadState> from, UploadState to) {
        this.from = from;
        this.to = to;
    }

    public UploadState to() {
        return to;
    }

    public boolean allowedFrom(UploadState state) {
        return from.contains(state);
    }

    /** The state after this transition, or the refusal. */
    public UploadState apply(UploadState state) {
        if (!allowedFrom(state)) {
            throw new IllegalTransition(this, state);
        }
        return to;
    }

    /** The transition that leads from one state to the other, if the table has one. */
    public static Optional<UploadTransition> between(UploadState from, UploadState to) {
        return Arrays.stream(values()).filter(t -> t.to == to && t.allowedFrom(from)).findFirst();
    }

    /** A transition refused by the table: the upload is not in a state it can start from. */
    public static final class IllegalTransition extends RuntimeException {
        private final UploadState state;

        public IllegalTransition(UploadTransition transition, UploadState state) {
            super("An upload that is " + state.name().toLowerCase() + " cannot " + transition.name().toLowerCase());
            this.state = state;
        }

        public UploadState state() {
            return state;
        }
    }
}
