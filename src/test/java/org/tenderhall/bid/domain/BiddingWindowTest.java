package org.tenderhall.bid.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tenderhall.tender.domain.TenderStatus;

class BiddingWindowTest {

    private static final Instant DEADLINE = Instant.parse("2027-03-10T01:30:00Z");

    @Test
    void a_bid_committed_a_millisecond_before_the_deadline_is_on_time() {
        assertThat(BiddingWindow.closed(TenderStatus.PUBLISHED, DEADLINE, DEADLINE.minusMillis(1))).isEmpty();
    }

    @Test
    void a_bid_committed_at_the_deadline_itself_is_late() {
        assertThat(BiddingWindow.closed(TenderStatus.PUBLISHED, DEADLINE, DEADLINE))
                .contains(BiddingWindow.Closed.DEADLINE_PASSED);
    }

    @Test
    void a_bid_after_the_deadline_is_late_also_once_bidding_is_closed() {
        assertThat(BiddingWindow.closed(TenderStatus.BIDDING_CLOSED, DEADLINE, DEADLINE.plusSeconds(5)))
                .contains(BiddingWindow.Closed.DEADLINE_PASSED);
        assertThat(BiddingWindow.closed(TenderStatus.CANCELLED, DEADLINE, DEADLINE.plusSeconds(5)))
                .contains(BiddingWindow.Closed.NOT_PUBLISHED);
    }

    @Test
    void a_tender_that_is_not_published_takes_no_bid_whatever_the_time() {
        for (TenderStatus status : TenderStatus.values()) {
            if (status != TenderStatus.PUBLISHED) {
                assertThat(BiddingWindow.closed(status, DEADLINE, DEADLINE.minusSeconds(3600)))
                        .as(status.name()).contains(BiddingWindow.Closed.NOT_PUBLISHED);
            }
        }
    }
}
