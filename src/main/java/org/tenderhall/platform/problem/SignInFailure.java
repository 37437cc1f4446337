package org.tenderhall.platform.problem;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a sign-in of this request failed, left on the request by the authenticator: the user name it claimed, the
 * problem to answer ({@code unauthenticated}, or a lockout's {@code too-many-sign-in-attempts} with how long to
 * wait). {@link ProblemMappers} answers with it; the audit trail records it, whatever the request's method.
 */
public record SignInFailure(String claimedUser, ProblemType type, String detail, Optional<Duration> retryAfter) {

    private static final String KEY = "tenderhall.sign-in-failure";

    public void markOn(RoutingContext context) {
        if (context != null) {
            context.put(KEY, this);
        }
    }

    public static Optional<SignInFailure> of(RoutingContext context) {
        return context == null ? Optional.empty() : Optional.ofNullable(context.get(KEY));
    }
}
