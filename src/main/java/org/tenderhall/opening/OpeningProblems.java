package org.tenderhall.opening;

import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.platform.problem.ProblemType;

/** The problem types of the opening. */
public final class OpeningProblems {

    public static final ProblemType NOT_DUE =
            new ProblemType("opening-not-due", "The opening time has not come", 409);
    public static final ProblemType NOT_STARTED =
            new ProblemType("opening-not-started", "The bids of this tender have not been opened", 409);
    public static final ProblemType CUSTODY = OpeningCertificates.CUSTODY;

    public static final ProblemType NOT_RECORDED =
            new ProblemType("opening-not-recorded", "The opening record is not complete yet", 409);
    public static final ProblemType WINDOW_CLOSED =
            new ProblemType("objection-window-closed", "The time to confirm the record or object has ended", 409);
    public static final ProblemType ALREADY_RESPONDED =
            new ProblemType("already-responded", "Your organisation has already confirmed the record or objected", 409);
    public static final ProblemType NOT_A_BIDDER =
            new ProblemType("not-a-bidder-of-the-opening", "Only the bidders whose bids were opened respond", 403);
    public static final ProblemType ALREADY_ANSWERED =
            new ProblemType("objection-answered", "The objection has been answered already", 409);

    private OpeningProblems() {
    }
}
