package org.tenderhall.platform.web;

import java.util.concurrent.ConcurrentHashMap;

/** How many requests each key (an account at an address, an address) has in progress, each up to a cap. */
final class InFlight {

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more request of {@code key}, unless it already has {@code cap} in progress. */
    boolean enter(String key, int cap) {
        boolean[] entered = {false};
        counts.compute(key, (k, held) -> {
            int now = held == null ? 0 : held;
            if (now >= cap) {
                return held;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    /** One request of {@code key} has ended. A key with none in progress is forgotten. */
    void leave(String key) {
        counts.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
    }

    int inProgress(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** How many keys have requests in progress (none once every request has ended). */
    int keys() {
        return counts.size();
    }
}
