package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tenderhall.kernel.FieldError;

class BiddingPeriodRuleTest {

    private final Instant published = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void bid_deadline_at_least_20_days_after_publication_when_tendering_is_mandatory() {
        Instant twentyDays = published.plus(Duration.ofDays(20));
        assertThat(BiddingPeriodRule.check(published, twentyDays, twentyDays, true)).isEmpty();

        Instant aSecondShort = twentyDays.minusSeconds(1);
        assertThat(BiddingPeriodRule.check(published, aSecondShort, aSecondShort, true))
                .extracting(FieldError::field).containsExactly("bidDeadline");
    }

    @Test
    void the_20_day_refusal_names_the_field_that_lifts_it() {
        Instant fiveDays = published.plus(Duration.ofDays(5));
        assertThat(BiddingPeriodRule.check(published, fiveDays, fiveDays, true)).singleElement()
                .extracting(FieldError::message).asString()
                .contains("mandatoryTendering", "否", published.plus(Duration.ofDays(20)).toString());
    }

    @Test
    void a_project_not_tendered_by_law_may_have_a_shorter_bidding_period() {
        Instant fiveDays = published.plus(Duration.ofDays(5));
        assertThat(BiddingPeriodRule.check(published, fiveDays, fiveDays, false)).isEmpty();
    }

    @Test
    void the_opening_time_is_the_bid_deadline_itself() {
        Instant deadline = published.plus(Duration.ofDays(25));
        assertThat(BiddingPeriodRule.check(published, deadline, deadline.plus(Duration.ofHours(1)), true))
                .extracting(FieldError::field).containsExactly("openingTime");
    }

    @Test
    void a_deadline_before_publication_is_refused_even_when_tendering_is_voluntary() {
        Instant before = published.minusSeconds(60);
        assertThat(BiddingPeriodRule.check(published, before, before, false))
                .extracting(FieldError::field).containsExactly("bidDeadline");
    }

    @Test
    void every_violation_is_reported_at_once() {
        Instant tooEarly = published.plus(Duration.ofDays(3));
        assertThat(BiddingPeriodRule.check(published, tooEarly, tooEarly.plusSeconds(1), true))
                .extracting(FieldError::field).containsExactly("bidDeadline", "openingTime");
    }

    @Test
    void bid_deadline_at_most_a_year_after_publication() {
        Instant aYear = published.plus(BiddingPeriodRule.MAXIMUM);
        assertThat(BiddingPeriodRule.check(published, aYear, aYear, false)).isEmpty();

        Instant aSecondMore = aYear.plusSeconds(1);
        assertThat(BiddingPeriodRule.check(published, aSecondMore, aSecondMore, false))
                .extracting(FieldError::field).containsExactly("bidDeadline");
    }
}
