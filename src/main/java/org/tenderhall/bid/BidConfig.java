package org.tenderhall.bid;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code tenderhall.bid.*}: sizes and timings of bid submission. Defaults in application.properties. */
@ConfigMapping(prefix = "tenderhall.bid")
public interface BidConfig {

    /** Largest sealed bid (the envelope), and largest body of the paths that stream one. */
    MemorySize maxSize();

    /** Uploads whose envelope is inspected while it arrives; {@code 0} inspects every envelope at its commit. */
    int inspectingUploads();

    /** How long such an inspection waits for more bytes before it gives up. */
    Duration inspectIdle();

    /** How often a job signs and stamps receipts left pending (read by the schedule of {@link Receipts}). */
    String receiptRetryInterval();

    /** How old a pending receipt must be before that job takes it. */
    Duration receiptRetryAfter();
}
