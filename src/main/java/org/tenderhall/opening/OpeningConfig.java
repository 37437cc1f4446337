package org.tenderhall.opening;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code tenderhall.opening.*}: how openings run and how long their windows last. The defaults are in
 * {@code application.properties} (docs/operations.md lists them). {@code check-interval} is read by
 * {@link OpeningJob}'s schedule; the keys that unlock bids are {@code openingkey.OpeningKeyConfig}'s.
 */
@ConfigMapping(prefix = "tenderhall.opening")
public interface OpeningConfig {

    /** How often each instance starts the openings that are due and opens bids still without a line. */
    String checkInterval();

    /** How long an instance holds an opening under way without writing a line. */
    Duration lease();

    /** Bids decrypted at once in one opening; {@code 0} means two per processor. */
    int parallelism();

    /** In bidder-decrypts custody, how long bidders have to hand in their content keys once the opening starts. */
    Duration decryptionWindow();

    /** How long bidders may confirm the opening record or object once it is complete. */
    Duration objectionWindow();

    /** How long the opening hall's event stream stays silent before it sends a keep-alive comment. */
    Duration heartbeat();
}
