package org.tenderhall.platform.problem;

import io.vertx.ext.web.RoutingContext;

/**
 * A request is being answered with a problem, or a sign-in of it failed (a {@link SignInFailure} is on the
 * request; the login form answers those with a redirect). Fired, on a thread that may block, by the two places
 * problem responses leave from ({@link ProblemResponses} for every response of a resource, mapped or aborted,
 * and {@link HttpFailureProblems} for failures before a resource), so that an observer sees every refusal,
 * of whatever type, before the client does.
 *
 * @param route the route template ({@code POST /api/tenders/{id}/cancel}) when a resource matched, else null
 */
public record ProblemAnswered(RoutingContext context, int status, Problem problem, String route) {
}
