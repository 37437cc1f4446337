package org.tenderhall.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInAttemptsTest {

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T02:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final SignInAttempts attempts = new SignInAttempts(clock, 10, 20, Duration.ofMinutes(15));

    private void fail(int times, String account, String address) {
        for (int i = 0; i < times; i++) {
            attempts.failed(account, address);
            clock.move(Duration.ofSeconds(10));
        }
    }

    @Test
    void ten_failures_within_fifteen_minutes_lock_the_account_from_every_address_until_the_window_has_passed() {
        fail(9, "bidder1", "10.0.0.1");
        assertThat(attempts.lockedOut("bidder1", "10.0.0.1")).isEmpty();
        fail(1, "bidder1", "10.0.0.2");
        // The first failure was 100 s ago: free again 800 s from now.
        assertThat(attempts.lockedOut("bidder1", "10.0.0.3")).contains(Duration.ofSeconds(800));
        assertThat(attempts.lockedOut("bidder2", "10.0.0.3")).isEmpty();
        clock.move(Duration.ofSeconds(799));
        assertThat(attempts.lockedOut("bidder1", "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.move(Duration.ofSeconds(1));
        assertThat(attempts.lockedOut("bidder1", "10.0.0.1")).isEmpty();
    }

    @Test
    void failures_from_one_address_over_many_names_lock_the_address_for_every_account() {
        for (int i = 0; i < 20; i++) {
            fail(1, "guess" + i, "10.0.0.9");
        }
        assertThat(attempts.lockedOut("admin", "10.0.0.9")).isPresent();
        assertThat(attempts.lockedOut("admin", "10.0.0.8")).isEmpty();
        assertThat(attempts.lockedOut("guess1", "10.0.0.8")).isEmpty();
    }

    @Test
    void failures_spread_wider_than_the_window_never_lock() {
        for (int i = 0; i < 30; i++) {
            attempts.failed("bidder1", "10.0.0.1");
            clock.move(Duration.ofSeconds(91)); // 10 failures span 819 s + 91 s > 15 min
            assertThat(attempts.lockedOut("bidder1", "10.0.0.1")).as("after failure %d", i + 1).isEmpty();
        }
    }

    @Test
    void a_lockout_lasts_until_all_but_nine_of_the_failures_have_left_the_window() {
        fail(12, "bidder1", "10.0.0.1"); // failures at 0, 10, ..., 110 s; now 120 s
        // Three over the limit: free once the failure at 20 s is fifteen minutes old.
        assertThat(attempts.lockedOut("bidder1", "10.0.0.1")).contains(Duration.ofSeconds(900 + 20 - 120));
    }
}
