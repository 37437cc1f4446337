package org.tenderhall.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.platform.web.CommandBounds;
import org.tenderhall.platform.web.HttpConfig;
import org.tenderhall.platform.web.RequestIds;

/**
 * Body size limits per path, and problem responses for failures raised by the HTTP layer before a request
 * reaches a resource. Command bodies (JSON) may be at most {@code tenderhall.http.max-command-size}; only the
 * paths that stream sealed bids take up to {@code tenderhall.bid.max-size} ({@code quarkus.http.limits.max-body-size}
 * is set above that, as the outer bound). A declared oversized body is refused here with a problem. A chunked
 * command body is counted as it is read ({@link CommandBodyLimit}) and refused with a problem when it grows past
 * the limit; a chunked sealed bid that grows past its limit is cut off by the HTTP layer with an empty 413 (its
 * bytes are read by the bid's own code, not by a reader this class can count). A URL longer than
 * {@code tenderhall.http.max-url-length} is refused here with a problem; the HTTP layer's own bound on the request
 * line ({@code quarkus.http.limits.max-initial-line-length}, set well above) answers an empty 414 only beyond that,
 * before any request exists to answer with a body. Resources' own rejections go through {@link ProblemMappers}.
 */
@Singleton
class HttpFailureProblems {

    private static final Logger LOG = Logger.getLogger(HttpFailureProblems.class);

    /** The context key Quarkus's body readers take their limit from (set by Quarkus's own handler at order -2). */
    private static final String QUARKUS_LIMIT = "io.quarkus.max-request-size";

    private static final String URL_LIMIT = "tenderhall.max-url-length";

    @Inject
    HttpConfig http;

    /** Read here as a plain property: the platform sits below {@code bid}, whose {@code BidConfig} holds it. */
    @ConfigProperty(name = "tenderhall.bid.max-size")
    MemorySize maxBidSize;

    @ConfigProperty(name = "tenderhall.database.retry-after")
    java.time.Duration databaseRetryAfter;

    @Inject
    Event<ProblemAnswered> answered;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseDeclaredOversize);
        router.route().order(-1).handler(this::limitStreamedBody);
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(this::respond);
    }

    long limit(RoutingContext context) {
        return bidStream(context) ? maxBidSize.asLongValue() : http.maxCommandSize().asLongValue();
    }

    private static boolean bidStream(RoutingContext context) {
        return ("PATCH".equals(context.request().method().name()) || "POST".equals(context.request().method().name()))
                && CommandBounds.BID_STREAM.matcher(context.normalizedPath()).matches();
    }

    /** The context key of a command body's limit, counted while the body is read ({@link CommandBodyLimit}). */
    static final String COMMAND_LIMIT = "tenderhall.command-body-limit";

    /**
     * After Quarkus's own handler has set the outer bound, the path's own limit for bodies without a length: a
     * sealed bid's for the HTTP layer to enforce, a command's for {@link CommandBodyLimit}, so that Quarkus's own
     * cut (an empty 413) does not come first.
     */
    private void limitStreamedBody(RoutingContext context) {
        if (bidStream(context)) {
            context.put(QUARKUS_LIMIT, maxBidSize.asLongValue());
        } else {
            context.put(QUARKUS_LIMIT, -1L);
            context.put(COMMAND_LIMIT, http.maxCommandSize().asLongValue());
        }
        context.next();
    }

    /**
     * A body whose declared length is over the limit is refused here, with a problem body, before the HTTP
     * layer's own check would answer 413 with an empty one.
     */
    private void refuseDeclaredOversize(RoutingContext context) {
        if (context.request().uri().length() > http.maxUrlLength()) {
            context.put(URL_LIMIT, http.maxUrlLength());
            context.fail(414);
            return;
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > limit(context)) {
            context.response().putHeader("Connection", "close");
            context.fail(413);
            return;
        }
        context.next();
    }

    private void respond(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()
                || context.failure() instanceof AuthenticationException) {
            // The security layer answers its own failures: a challenge, or the login form's error page.
            context.next();
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        String requestId = RequestIds.of(context);
        String detail;
        ProblemType type = ProblemType.forStatus(status);
        if (context.failure() instanceof Rejection refused) {
            // A refusal by a rule of ours that runs before any resource (CrossSiteRequests).
            type = refused.type();
            detail = refused.getMessage();
        } else if (status >= 500 && context.failure() != null && DatabaseOutage.causes(context.failure())) {
            LOG.warnf("Request %s failed: the database is unavailable (%s)", requestId,
                    ProblemMappers.rootCause(context.failure()));
            type = ProblemType.DATABASE_UNAVAILABLE;
            detail = ProblemMappers.databaseUnavailableDetail();
            context.response().putHeader("Retry-After", Long.toString(Math.max(1, databaseRetryAfter.toSeconds())));
        } else if (status == 413) {
            detail = "The request body is larger than this endpoint accepts.";
        } else if (status == 429) {
            detail = "Too many requests of this account or from this address are in progress; retry when one has"
                    + " ended (Retry-After gives the seconds).";
        } else if (status == 414) {
            Integer limit = context.get(URL_LIMIT);
            detail = "The URL is longer than " + (limit == null ? "the platform accepts." : limit + " characters.");
        } else if (status >= 500) {
            LOG.errorf(context.failure(), "Request %s failed", requestId);
            detail = "Something went wrong on our side. Quote request id " + requestId + " when reporting it.";
        } else {
            detail = "The request was refused (" + status + ").";
        }
        Problem problem = Problem.of(type, detail, context.request().path(), requestId,
                List.of());
        // Announced (the audit trail records refusals) on a worker thread, before the client has the answer.
        context.vertx().executeBlocking(() -> {
            answered.fire(new ProblemAnswered(context, problem.status(), problem, null));
            return null;
        }, false).onComplete(announced -> {
            if (!context.response().ended()) {
                context.response()
                        .setStatusCode(problem.status())
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(Json.encode(problem));
            }
        });
    }
}
