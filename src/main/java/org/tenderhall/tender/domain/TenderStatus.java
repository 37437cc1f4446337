package org.tenderhall.tender.domain;

/** Where a tender is in its life (DOMAIN.md, "The life of a tender"). */
public enum TenderStatus {
    /** Being prepared from a template; private to its agent. */
    DRAFT,
    /** Published (招标公告): documents public, bidders may register and bid until the deadline. */
    PUBLISHED,
    /** The deadline has passed: no more bids; the opening is due. */
    BIDDING_CLOSED,
    /** The bids are being opened (开标). */
    OPENING,
    /** The evaluation committee is scoring (评标). */
    EVALUATION,
    /** The winning candidates are published for the statutory period (中标候选人公示). */
    PUBLICITY,
    /** The award notice has been issued (中标通知书). Final. */
    AWARDED,
    /** Failed (流标), for example fewer than three bids. Final: the project must be tendered again. */
    FAILED,
    /** Cancelled with a recorded reason. Final. */
    CANCELLED;

    public boolean isFinal() {
        return this == AWARDED || this == FAILED || this == CANCELLED;
    }
}
