package org.tenderhall.platform.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;
import org.tenderhall.platform.web.RequestIds;

/**
 * Problem responses for failures raised by the HTTP layer before a request reaches a resource, such as a
 * body over the size limit. Resources' own rejections go through {@link ProblemMappers}.
 */
@Singleton
class HttpFailureProblems {

    private static final Logger LOG = Logger.getLogger(HttpFailureProblems.class);

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(HttpFailureProblems::respond);
    }

    private static void respond(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
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
