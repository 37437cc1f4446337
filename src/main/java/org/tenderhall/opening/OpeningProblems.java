package org.tenderhall.opening;

import org.tenderhall.platform.problem.ProblemType;

/** The problem types of the opening. */
public final class OpeningProblems {

    public static final ProblemType NOT_DUE =
            new ProblemType("opening-not-due", "The opening time has not come", 409);
    public static final ProblemType NOT_STARTED =
            new ProblemType("opening-not-started", "The bids of this tender have not been opened", 409);
    public static final ProblemType CUSTODY =
            new ProblemType("custody-refused", "The opening key's custody does not allow this", 409);

    private OpeningProblems() {
    }
}
