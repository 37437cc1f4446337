package org.tenderhall.identity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins counted per account (the user name claimed, known or not) and per client address. Once either
 * has {@code limit} failures within {@code window}, further attempts are refused, a correct password included,
 * until the oldest of those failures is a window old. Refused attempts are not counted: they checked nothing.
 *
 * <p>The counts live in this object, so in memory and per instance: a restart forgets them, and several
 * instances behind a balancer each count their own share.
 */
public final class SignInAttempts {

    /** Beyond this many names and addresses held, those with no failure within the window are dropped. */
    private static final int TIDY_ABOVE = 10_000;

    private final Clock clock;
    private final int accountLimit;
    private final int addressLimit;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public SignInAttempts(Clock clock, int accountLimit, int addressLimit, Duration window) {
        if (accountLimit < 1 || addressLimit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("sign-in limits must be at least 1 within a positive window");
        }
        this.clock = clock;
        this.accountLimit = accountLimit;
        this.addressLimit = addressLimit;
        this.window = window;
    }

    /** How long the account or the address must still wait, or empty when a sign-in may be tried. */
    public synchronized Optional<Duration> lockedOut(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        wait = longer(wait, waitFor("account:" + account, accountLimit, now));
        wait = longer(wait, waitFor("address:" + address, addressLimit, now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed sign-in against the account and the address. */
    public synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() > TIDY_ABOVE) {
            failures.values().removeIf(times -> !times.peekLast().isAfter(now.minus(window)));
        }
        failures.computeIfAbsent("account:" + account, k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent("address:" + address, k -> new ArrayDeque<>()).addLast(now);
    }

    private Duration waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        Instant since = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return Duration.ZERO;
        }
        if (times.size() < limit) {
            return Duration.ZERO;
        }
        // Free again once all but limit - 1 of the failures have left the window.
        Instant freed = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(window);
        return Duration.between(now, freed);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
