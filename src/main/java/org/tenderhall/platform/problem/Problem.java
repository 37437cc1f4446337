package org.tenderhall.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.tenderhall.kernel.FieldError;

/**
 * The body of an RFC 9457 problem response, with two extension members: {@code requestId} (also in the
 * {@code X-Request-Id} header) and, for invalid input, {@code errors} with each field path.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType kind, String detail, String instance, String requestId,
            List<FieldError> errors) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance, requestId, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
