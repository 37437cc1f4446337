package org.tenderhall.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The platform's one clock. Rules take time from an injected {@link Clock}, never from {@code Instant.now()}. It
 * ticks in milliseconds, the resolution of receipts and timestamps, so that a time reads back from the database
 * (microseconds) exactly as it was given out.
 */
@Singleton
class TimeSource {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
