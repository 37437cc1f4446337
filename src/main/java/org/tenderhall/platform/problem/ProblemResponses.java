package org.tenderhall.platform.problem;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.tenderhall.platform.web.RequestIds;

/**
 * Announces every problem a resource answers with ({@link ProblemAnswered}): a rejection mapped by
 * {@link ProblemMappers}, or a response a request filter aborted with. The observers write to the database, so
 * the announcement runs on a worker thread and the response waits for it.
 */
public class ProblemResponses {

    @Inject
    Event<ProblemAnswered> answered;

    @ServerResponseFilter
    public Uni<Void> announce(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        var context = RequestIds.context();
        boolean problem = response.getEntity() instanceof Problem;
        if (context == null || (!problem && SignInFailure.of(context).isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        String template = template(resource);
        ProblemAnswered event = new ProblemAnswered(context, response.getStatus(),
                problem ? (Problem) response.getEntity() : null,
                template == null ? null : request.getMethod() + " " + template);
        if (BlockingOperationControl.isBlockingAllowed()) {
            answered.fire(event);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            answered.fire(event);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The matched resource's path template, or null when none matched. */
    private static String template(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String path = (type == null ? "" : type.value()) + (own == null ? "" : "/" + own.value());
        return ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }
}
