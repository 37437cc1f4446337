package org.tenderhall.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The platform's one clock. Rules take time from an injected {@link Clock}, never from {@code Instant.now()}. */
@Singleton
class TimeSource {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
