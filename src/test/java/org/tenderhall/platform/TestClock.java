package org.tenderhall.platform;

import io.quarkus.arc.Arc;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.tenderhall.opening.OpeningJob;
import org.tenderhall.tender.BiddingDeadlines;

/**
 * The platform's clock in tests: system time moved forward by what the tests have advanced it, in milliseconds
 * like the real one. It only moves forward, so times recorded earlier stay in the past for every later test of
 * the same run. A test reads "now" from here, never from {@code Instant.now()}, and moves the clock past a
 * deadline instead of waiting for it.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** The clock of the running platform. */
    public static TestClock get() {
        return Arc.container().instance(TestClock.class).get();
    }

    /** The platform's now. */
    public static Instant now() {
        return get().instant();
    }

    /**
     * Time passes until a second after {@code moment}, and the jobs that act on time run, as their schedulers
     * would (in tests the schedulers are off: {@code %test} in application.properties).
     */
    public static void passTo(Instant moment) {
        get().advanceTo(moment.plusSeconds(1));
        runTimedJobs();
    }

    /** Closes bidding at the deadlines that have come, then starts and carries on the openings that are due. */
    public static void runTimedJobs() {
        Arc.container().instance(BiddingDeadlines.class).get().closeDue();
        Arc.container().instance(OpeningJob.class).get().run();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get()).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the platform's clock does not go back");
        }
        ahead.accumulateAndGet(duration, Duration::plus);
    }

    /** Moves the clock to {@code moment}, if it is not already past it. */
    public void advanceTo(Instant moment) {
        Duration gap = Duration.between(instant(), moment);
        if (!gap.isNegative() && !gap.isZero()) {
            advance(gap);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform keeps time in UTC");
    }
}
