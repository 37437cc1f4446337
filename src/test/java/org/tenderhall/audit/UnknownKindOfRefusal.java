package org.tenderhall.audit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tenderhall.platform.problem.Problem;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.web.RequestIds;

/**
 * For {@link RefusalTrailTest}: a refusal of a kind the trail knows nothing of, made the way another capability
 * might make one, by a request filter that aborts. Only requests carrying {@code X-Test-Refuse} are refused.
 */
public class UnknownKindOfRefusal {

    static final String HEADER = "X-Test-Refuse";
    static final ProblemType KIND = new ProblemType("test-unknown-kind", "A kind the trail does not know", 429);

    @ServerRequestFilter
    public Optional<Response> refuse(ContainerRequestContext request) {
        if (request.getHeaderString(HEADER) == null) {
            return Optional.empty();
        }
        return Optional.of(Response.fromResponse(Problem.of(KIND, "Refused by a filter the trail does not know.",
                request.getUriInfo().getPath(), RequestIds.current(), List.of()).toResponse())
                .header("Retry-After", "1").build());
    }
}
