package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AmendmentRuleTest {

    private final Instant deadline = Instant.parse("2027-01-10T02:00:00Z");

    @Test
    void amendment_within_15_days_of_deadline_moves_the_deadline() {
        Instant tenDaysBefore = deadline.minus(Duration.ofDays(10));
        assertThat(AmendmentRule.deadlineAfter(tenDaysBefore, deadline, true))
                .isEqualTo(tenDaysBefore.plus(Duration.ofDays(15)))
                .isEqualTo(Instant.parse("2027-01-15T02:00:00Z"));
    }

    @Test
    void amendment_15_or_more_days_before_the_deadline_leaves_it() {
        assertThat(AmendmentRule.deadlineAfter(deadline.minus(Duration.ofDays(15)), deadline, true)).isEqualTo(deadline);
        assertThat(AmendmentRule.deadlineAfter(deadline.minus(Duration.ofDays(30)), deadline, true)).isEqualTo(deadline);
    }

    @Test
    void amendment_that_does_not_affect_bid_preparation_leaves_the_deadline() {
        assertThat(AmendmentRule.deadlineAfter(deadline.minus(Duration.ofDays(2)), deadline, false)).isEqualTo(deadline);
    }

    @Test
    void amendment_a_second_inside_the_15_days_moves_the_deadline_to_the_next_whole_minute() {
        Instant justInside = deadline.minus(Duration.ofDays(15)).plusSeconds(1);
        assertThat(AmendmentRule.deadlineAfter(justInside, deadline, true)).isEqualTo(deadline.plusSeconds(60));
    }

    @Test
    void a_moved_deadline_leaves_at_least_15_days_and_falls_on_a_whole_minute() {
        Instant issued = Instant.parse("2027-01-01T03:17:42.318Z");
        Instant moved = AmendmentRule.deadlineAfter(issued, deadline, true);
        assertThat(moved).isEqualTo(Instant.parse("2027-01-16T03:18:00Z"));
        assertThat(Duration.between(issued, moved)).isGreaterThanOrEqualTo(AmendmentRule.NOTICE);
    }
}
