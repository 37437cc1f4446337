package org.tenderhall.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void a_key_at_its_cap_is_refused_until_one_of_its_requests_ends() {
        InFlight inFlight = new InFlight();
        assertThat(inFlight.enter("user bidder1 at 10.0.0.1", 2)).isTrue();
        assertThat(inFlight.enter("user bidder1 at 10.0.0.1", 2)).isTrue();
        assertThat(inFlight.enter("user bidder1 at 10.0.0.1", 2)).isFalse();
        inFlight.leave("user bidder1 at 10.0.0.1");
        assertThat(inFlight.enter("user bidder1 at 10.0.0.1", 2)).isTrue();
    }

    @Test
    void the_same_claimed_account_at_another_address_has_its_own_share() {
        InFlight inFlight = new InFlight();
        assertThat(inFlight.enter("user bidder1 at 10.0.0.66", 1)).isTrue();
        assertThat(inFlight.enter("user bidder1 at 10.0.0.66", 1)).isFalse();
        assertThat(inFlight.enter("user bidder1 at 10.0.0.1", 1)).isTrue();
    }

    @Test
    void a_key_whose_requests_have_all_ended_is_forgotten() {
        InFlight inFlight = new InFlight();
        inFlight.enter("10.0.0.1", 5);
        inFlight.enter("10.0.0.1", 5);
        inFlight.leave("10.0.0.1");
        inFlight.leave("10.0.0.1");
        assertThat(inFlight.keys()).isZero();
        assertThat(inFlight.inProgress("10.0.0.1")).isZero();
    }
}
