package org.tenderhall.platform.web;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id, echoed in the {@code X-Request-Id} response header, put in the log context
 * and recorded with audit events. A well-formed id sent by the client (a gateway, say) is kept.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "tenderhall.request-id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String offered = context.request().getHeader(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        context.put(KEY, id);
        context.response().putHeader(HEADER, id);
        MDC.put("requestId", id);
        context.next();
    }

    /** The id of the given request. */
    public static String of(RoutingContext context) {
        String id = context == null ? null : context.get(KEY);
        return id == null ? "none" : id;
    }

    /** The id of the HTTP request being served, or {@code "none"} outside one (a scheduled job, start-up). */
    public static String current() {
        return of(context());
    }

    /** The HTTP request being served, or null outside one. */
    public static RoutingContext context() {
        if (Arc.container() == null || !Arc.container().requestContext().isActive()) {
            return null;
        }
        return Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
    }
}
