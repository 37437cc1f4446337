package org.tenderhall.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.platform.web.RequestIds;

/**
 * Problem responses for failures raised by the HTTP layer before a request reaches a resource, such as a
 * body over the size limit ({@code quarkus.http.limits.max-body-size}). A chunked body that grows past the
 * limit is cut off by the HTTP layer itself with an empty 413. Resources' own rejections go through {@link ProblemMappers}.
 */
@Singleton
class HttpFailureProblems {

    private static final Logger LOG = Logger.getLogger(HttpFailureProblems.class);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseDeclaredOversize);
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(HttpFailureProblems::respond);
    }

    /**
     * A body whose declared length is over the limit is refused here, with a problem body, before the HTTP
     * layer's own check would answer 413 with an empty one.
     */
    private void refuseDeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBodySize.asLongValue()) {
            context.response().putHeader("Connection", "close");
            context.fail(413);
            return;
        }
        context.next();
    }

    private static void respond(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()
                || context.failure() instanceof AuthenticationException) {
            // The security layer answers its own failures: a challenge, or the login form's error page.
            context.next();
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        String requestId = RequestIds.of(context);
        String detail;
        if (status == 413) {
            detail = "The request body is larger than this endpoint accepts.";
        } else if (status >= 500) {
            LOG.errorf(context.failure(), "Request %s failed", requestId);
            detail = "Something went wrong on our side. Quote request id " + requestId + " when reporting it.";
        } else {
            detail = "The request was refused (" + status + ").";
        }
        Problem problem = Problem.of(ProblemType.forStatus(status), detail, context.request().path(), requestId,
                List.of());
        context.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
