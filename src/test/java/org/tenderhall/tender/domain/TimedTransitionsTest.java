package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimedTransitionsTest {

    private static final Instant DEADLINE = Instant.parse("2027-03-10T01:30:00Z");
    private static final Instant OPENING = DEADLINE; // the opening time is the deadline itself (DOMAIN.md)

    @Test
    void bidding_closes_at_the_deadline_itself() {
        assertThat(TimedTransitions.due(TenderStatus.PUBLISHED, DEADLINE, OPENING, DEADLINE))
                .contains(TenderTransition.CLOSE_BIDDING);
        assertThat(TimedTransitions.due(TenderStatus.PUBLISHED, DEADLINE, OPENING, DEADLINE.plusMillis(1)))
                .contains(TenderTransition.CLOSE_BIDDING);
    }

    @Test
    void bidding_stays_open_a_millisecond_before_the_deadline() {
        assertThat(TimedTransitions.due(TenderStatus.PUBLISHED, DEADLINE, OPENING, DEADLINE.minusMillis(1))).isEmpty();
    }

    @Test
    void the_opening_starts_at_the_opening_time_and_not_a_millisecond_before() {
        assertThat(TimedTransitions.due(TenderStatus.BIDDING_CLOSED, DEADLINE, OPENING, OPENING))
                .contains(TenderTransition.START_OPENING);
        Instant later = OPENING.plusSeconds(3600);
        assertThat(TimedTransitions.due(TenderStatus.BIDDING_CLOSED, DEADLINE, later, later.minusMillis(1))).isEmpty();
    }

    @Test
    void only_published_and_closed_tenders_move_by_time() {
        for (TenderStatus status : TenderStatus.values()) {
            if (status != TenderStatus.PUBLISHED && status != TenderStatus.BIDDING_CLOSED) {
                assertThat(TimedTransitions.due(status, DEADLINE, OPENING, DEADLINE.plusSeconds(60)))
                        .as(status.name()).isEmpty();
            }
        }
    }
}
