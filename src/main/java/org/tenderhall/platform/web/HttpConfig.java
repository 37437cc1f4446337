package org.tenderhall.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code tenderhall.http.*}: the platform's own bounds on requests ({@link CommandBounds},
 * {@code platform.problem.HttpFailureProblems}) and the origin browsers reach it at ({@link CrossSiteRequests}).
 * Defaults in application.properties.
 */
@ConfigMapping(prefix = "tenderhall.http")
public interface HttpConfig {

    /** Largest request body of a JSON command. */
    MemorySize maxCommandSize();

    /** Longest URL (path and query), refused beyond with a {@code uri-too-long} problem. */
    int maxUrlLength();

    /** The origin browsers reach the platform at, when it differs from the one a request was sent to. */
    Optional<URI> publicUrl();

    InFlight inFlight();

    /** Commands in progress at once; more are refused with {@code 429} and {@code Retry-After}. */
    interface InFlight {
        /** Requests in progress for one account at one address. */
        int perAccount();

        /** Requests in progress for one client address, whoever signs in. */
        int perAddress();

        /** What {@code Retry-After} tells a refused client. */
        Duration retryAfter();
    }
}
