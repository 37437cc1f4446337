package org.tenderhall.storage;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;

/** {@code tenderhall.storage.*}: where blobs are kept and how they are looked after. Defaults in application.properties. */
@ConfigMapping(prefix = "tenderhall.storage")
public interface StorageConfig {

    /** Where sealed-bid envelopes, uploads in progress and opened packages are kept. */
    Path directory();

    /** How often every committed envelope is re-hashed (read by the schedule of {@code bid.BidStorage}). */
    String verifyInterval();

    /** How old a file without a committed row must be before the start-up clean-up deletes it. */
    Duration orphanGrace();
}
