package org.tenderhall.tender.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tenderhall.kernel.FieldError;

/**
 * The bidding period: for a project that must be tendered by law, at least 20 days from issuing the documents
 * (publication) to the bid deadline; at most a year from publication to the deadline; and the opening takes place
 * at the deadline itself.
 */
public final class BiddingPeriodRule {

    public static final Duration MINIMUM_FOR_MANDATORY_TENDERING = Duration.ofDays(20);

    /**
     * A bidding period lasts weeks or months. The opening key and its certificate are made at publication to last
     * until the opening, the custodians and bidders hold certificates that must still be valid then, and the
     * published documents are the ones bidders bid on: a deadline more than a year away is a typing error (a year
     * 9999 draft was accepted and its publication failed on the certificate), never a tender.
     */
    public static final Duration MAXIMUM = Duration.ofDays(366);

    private BiddingPeriodRule() {
    }

    public static List<FieldError> check(Instant publication, Instant bidDeadline, Instant openingTime,
            boolean mandatoryTendering) {
        List<FieldError> violations = new ArrayList<>();
        Instant earliest = publication.plus(MINIMUM_FOR_MANDATORY_TENDERING);
        if (!bidDeadline.isAfter(publication)) {
            violations.add(new FieldError("bidDeadline", "must be after publication (" + publication + ")"));
        } else if (mandatoryTendering && bidDeadline.isBefore(earliest)) {
            violations.add(new FieldError("bidDeadline", "must be at least 20 days after publication, no earlier than "
                    + earliest + ", for a project that must be tendered by law (mandatoryTendering 是); a project the"
                    + " law does not require to be tendered sets mandatoryTendering to 否 and may close sooner"));
        } else if (bidDeadline.isAfter(publication.plus(MAXIMUM))) {
            violations.add(new FieldError("bidDeadline", "must be at most a year after publication, no later than "
                    + publication.plus(MAXIMUM)));
        }
        if (!openingTime.equals(bidDeadline)) {
            violations.add(new FieldError("openingTime", "must be the bid deadline itself (" + bidDeadline + ")"));
        }
        return violations;
    }
}
