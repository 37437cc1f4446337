package org.tenderhall.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.platform.web.RequestIds;

/** The one place where every rejection raised while serving the API becomes a problem response. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    UriInfo uri;

    @Inject
    HttpHeaders headers;

    @ConfigProperty(name = "tenderhall.identity.mode")
    String identityMode;

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String formPostLocation;

    @ConfigProperty(name = "quarkus.http.auth.form.error-page")
    String formErrorPage;

    @ConfigProperty(name = "tenderhall.database.retry-after")
    Duration databaseRetryAfter;

    @ServerExceptionMapper
    public Response rejection(Rejection e) {
        Response problem = problem(e.type(), e.getMessage(), e.errors());
        if (e.headers().isEmpty()) {
            return problem;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(problem);
        e.headers().forEach(withHeaders::header);
        return withHeaders.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return problem(ProblemType.VALIDATION_FAILED, "The request has " + errors.size() + " invalid field(s).", errors);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = jsonPath(e);
        return problem(ProblemType.UNKNOWN_FIELD, "The field '" + field + "' is not part of this request.",
                List.of(new FieldError(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = jsonPath(e);
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return problem(ProblemType.INVALID_BODY, "The field '" + field + "' has the wrong type.",
                List.of(new FieldError(field, "expected " + expected)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return problem(ProblemType.MALFORMED_JSON, "The body is not well-formed JSON: "
                + e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(CommandBodyLimit.BodyTooLarge e) {
        // The rest of the body is not read: the connection cannot carry another request.
        return Response.fromResponse(problem(ProblemType.PAYLOAD_TOO_LARGE, detailFor(413), List.of()))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        if (tooLarge(e)) {
            return bodyTooLarge(null);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return problem(ProblemType.INVALID_BODY, "The field '" + jsonPath(mapping) + "' could not be read.",
                    List.of(new FieldError(jsonPath(mapping), e.getOriginalMessage())));
        }
        return problem(ProblemType.INVALID_BODY, "The body could not be read as this request.", List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e) {
        if (uri.getPath().equals(formPostLocation)) {
            // Quarkus hands the login form's failures to this mapper too: send the browser back to the form.
            return Response.status(Response.Status.FOUND).location(URI.create(formErrorPage)).build();
        }
        SignInFailure failure = SignInFailure.of(RequestIds.context()).orElse(null);
        if (failure != null && failure.retryAfter().isPresent()) {
            // A lockout: no challenge, since trying again at once is what is refused.
            long seconds = Math.max(1, (failure.retryAfter().get().toMillis() + 999) / 1000);
            return Response.fromResponse(problem(failure.type(), failure.detail(), List.of()))
                    .header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
        Response response = problem(ProblemType.UNAUTHENTICATED,
                "Sign in: valid credentials are required for this request.", List.of());
        if (headers.getHeaderString("X-Requested-With") != null) {
            return response; // a browser page handles it; a Basic challenge would pop up the browser's dialog
        }
        String challenge = "oidc".equals(identityMode) ? "Bearer" : "Basic realm=\"tenderhall\", charset=\"UTF-8\"";
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(ProblemType.FORBIDDEN, "Your role does not allow this request.", List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ResourceInfo resource) {
        if ((e instanceof NotFoundException || e instanceof BadRequestException) && e.getCause() != null) {
            // A query or path parameter that did not convert: JAX-RS says 404, but the client sent a bad request.
            Optional<FieldError> parameter = unconvertible(resource);
            if (parameter.isPresent()) {
                return problem(ProblemType.INVALID_PARAMETER, "The parameter '" + parameter.get().field() + "' "
                        + parameter.get().message() + ".", List.of(parameter.get()));
            }
        }
        if (tooLarge(e)) {
            return bodyTooLarge(null);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return otherJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return problem(ProblemType.forStatus(status), detailFor(status), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (tooLarge(e)) {
            return bodyTooLarge(null);
        }
        String requestId = RequestIds.current();
        if (DatabaseOutage.causes(e)) {
            LOG.warnf("Request %s failed: the database is unavailable (%s)", requestId, rootCause(e));
            return databaseUnavailable(problem(ProblemType.DATABASE_UNAVAILABLE, databaseUnavailableDetail(), List.of()),
                    databaseRetryAfter);
        }
        LOG.errorf(e, "Request %s failed", requestId);
        return problem(ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side. Quote request id " + requestId + " when reporting it.", List.of());
    }

    static String databaseUnavailableDetail() {
        return "The platform cannot reach its database just now; nothing was changed by this request. Try again"
                + " shortly.";
    }

    static Response databaseUnavailable(Response problem, Duration retryAfter) {
        return Response.fromResponse(problem).header("Retry-After", Math.max(1, retryAfter.toSeconds())).build();
    }

    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    /** Whether a command body's overflow ({@link CommandBodyLimit}) is what failed, however readers wrapped it. */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandBodyLimit.BodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** The first query or path parameter of the matched method whose value does not convert to its type. */
    private Optional<FieldError> unconvertible(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            PathParam path = parameter.getAnnotation(PathParam.class);
            String name = query != null ? query.value() : path != null ? path.value() : null;
            if (name == null) {
                continue;
            }
            String value = query != null ? uri.getQueryParameters().getFirst(name) : uri.getPathParameters().getFirst(name);
            Optional<String> why = value == null ? Optional.empty() : whyNot(parameter.getType(), value);
            if (why.isPresent()) {
                return Optional.of(new FieldError(name, why.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> whyNot(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(value)) {
                        return Optional.empty();
                    }
                }
                return Optional.of("must be one of " + List.of(type.getEnumConstants()));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(type == UUID.class ? "must be a UUID such as 3f2b8c1e-5d4a-4e2b-9c7d-1a2b3c4d5e6f"
                    : "must be a whole number from " + (type == long.class || type == Long.class
                            ? Long.MIN_VALUE + " to " + Long.MAX_VALUE : Integer.MIN_VALUE + " to " + Integer.MAX_VALUE));
        }
    }

    private String detailFor(int status) {
        return switch (status) {
            case 404 -> "Nothing is found at " + uri.getPath() + ".";
            case 405 -> "This method is not allowed on " + uri.getPath() + ".";
            case 406 -> "The response can not be given in the requested media type.";
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 415 -> "This endpoint does not accept that content type.";
            default -> "The request was refused (" + status + ").";
        };
    }

    private Response problem(ProblemType kind, String detail, List<FieldError> errors) {
        return Problem.of(kind, detail, uri.getPath(), RequestIds.current(), errors).toResponse();
    }

    /** {@code members[2].code} from Jackson's path to the offending field. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /**
     * The field path a client knows: the property path without the Java method, and without the body
     * parameter's own name when the violation is inside the body.
     */
    static String fieldPath(Path propertyPath) {
        List<Path.Node> nodes = new ArrayList<>();
        propertyPath.forEach(nodes::add);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD
                    || (node.getKind() == ElementKind.PARAMETER && !last)
                    || node.getName() == null) {
                continue;
            }
            if (node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            path.append(path.isEmpty() ? "" : ".").append(node.getName());
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
