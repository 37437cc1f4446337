package org.tenderhall.tender;

import org.tenderhall.platform.problem.ProblemType;

/** The problem types of the tender capability. */
public final class TenderProblems {

    public static final ProblemType RULES_VIOLATED =
            new ProblemType("tender-rules-violated", "The tender breaks its template's rules", 422);
    public static final ProblemType OTHER_ORGANISATION =
            new ProblemType("tender-of-another-organisation", "Tender of another organisation", 403);
    public static final ProblemType NOT_A_DRAFT =
            new ProblemType("tender-not-draft", "Only a draft can be edited", 409);
    public static final ProblemType WRONG_STATUS =
            new ProblemType("tender-status-conflict", "Not possible in the tender's status", 409);
    public static final ProblemType DEADLINE_PASSED =
            new ProblemType("deadline-passed", "The bid deadline has passed", 409);
    public static final ProblemType TEMPLATE_RETIRED =
            new ProblemType("template-version-retired", "The tender's template version is no longer loaded", 409);
    public static final ProblemType NOT_REGISTERED =
            new ProblemType("not-registered", "Your organisation has not registered for the tender", 409);

    private TenderProblems() {
    }
}
