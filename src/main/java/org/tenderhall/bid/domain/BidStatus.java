package org.tenderhall.bid.domain;

/** Whether a committed bid counts: the valid one, or one replaced by a later bid, or one its bidder withdrew. */
public enum BidStatus {
    VALID, SUPERSEDED, WITHDRAWN
}
