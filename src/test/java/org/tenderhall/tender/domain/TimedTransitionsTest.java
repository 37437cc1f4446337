package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimedTransitionsTest {

    private static final Instant DEADLINE = Instant.parse("2027-03-10T01:30:00Z");

    @Test
    void bidding_closes_at_the_deadline_itself() {
        assertThat(TimedTransitions.due(TenderStatus.PUBLISHED, DEADLINE, DEADLINE)).contains(TenderTransition.CLOSE_BIDDING);
        assertThat(TimedTransitions.due(TenderStatus.PUBLISHED, DEADLINE, DEADLINE.plusMillis(1)))
                .contains(TenderTransition.CLOSE_BIDDING);
    }

    @Test
    void bidding_stays_open_a_millisecond_before_the_deadline() {
        assertThat(TimedTransitions.due(TenderStatus.PUBLISHED, DEADLINE, DEADLINE.minusMillis(1))).isEmpty();
    }

    @Test
    void only_a_published_tender_closes() {
        for (TenderStatus status : TenderStatus.values()) {
            if (status != TenderStatus.PUBLISHED) {
                assertThat(TimedTransitions.due(status, DEADLINE, DEADLINE.plusSeconds(60))).as(status.name()).isEmpty();
            }
        }
    }
}
