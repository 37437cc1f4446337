package org.tenderhall.opening;

import org.tenderhall.opening.store.Opening;

/** What starting an opening came to: the opening under way, or the tender failed (流标) and its bids stay sealed. */
public sealed interface OpeningStart {

    /** The opening has started; its bids are opened by the scheduler's runs. */
    record Started(Opening opening) implements OpeningStart {
    }

    /** Fewer than three valid bids: the tender failed instead of opening. */
    record TenderFailed(long validBids, String reason) implements OpeningStart {
    }
}
