package org.tenderhall.tender.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An amendment (澄清/修改) that affects the preparation of bids, issued less than 15 days before the bid
 * deadline, moves the deadline (and with it the opening) so that 15 days remain, rounded up to the whole minute
 * (documents print deadlines to the minute). An amendment never brings the deadline forward.
 */
public final class AmendmentRule {

    public static final Duration NOTICE = Duration.ofDays(15);

    private AmendmentRule() {
    }

    /** The bid deadline after an amendment issued at {@code issuedAt}. */
    public static Instant deadlineAfter(Instant issuedAt, Instant bidDeadline, boolean affectsBidPreparation) {
        Instant earliest = wholeMinuteAtOrAfter(issuedAt.plus(NOTICE));
        if (affectsBidPreparation && bidDeadline.isBefore(earliest)) {
            return earliest;
        }
        return bidDeadline;
    }

    private static Instant wholeMinuteAtOrAfter(Instant instant) {
        Instant minute = instant.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(instant) ? minute : minute.plus(Duration.ofMinutes(1));
    }
}
