package org.tenderhall.platform.problem;

import java.net.URI;

/**
 * A kind of rejection: its stable {@code type} URI, human title and HTTP status. Capabilities declare their
 * own kinds next to their rejections; the general ones are here. Every kind is listed in {@code docs/api.md}.
 */
public record ProblemType(String slug, String title, int status) {

    public static final String BASE = "https://tenderhall.org/problems/";

    public static final ProblemType MALFORMED_JSON = new ProblemType("malformed-json", "Malformed JSON", 400);
    public static final ProblemType UNKNOWN_FIELD = new ProblemType("unknown-field", "Unknown field", 400);
    public static final ProblemType INVALID_BODY = new ProblemType("invalid-body", "Invalid request body", 400);
    public static final ProblemType BAD_REQUEST = new ProblemType("bad-request", "Bad request", 400);
    /** A query or path parameter that does not convert to what the endpoint takes; {@code errors} names it. */
    public static final ProblemType INVALID_PARAMETER = new ProblemType("invalid-parameter", "Invalid parameter", 400);
    public static final ProblemType UNAUTHENTICATED = new ProblemType("unauthenticated", "Authentication required", 401);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Not allowed for this role", 403);
    /** A state change signed in by the session cookie but sent from another site's page (CSRF). */
    public static final ProblemType CROSS_SITE_REQUEST =
            new ProblemType("cross-site-request", "Cross-site request refused", 403);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed", 405);
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", "Not acceptable", 406);
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", "Payload too large", 413);
    public static final ProblemType URI_TOO_LONG = new ProblemType("uri-too-long", "URI too long", 414);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", "Unsupported media type", 415);
    public static final ProblemType VALIDATION_FAILED = new ProblemType("validation-failed", "Validation failed", 422);
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests", "Too many requests", 429);
    public static final ProblemType INTERNAL_ERROR = new ProblemType("internal-error", "Internal error", 500);
    public static final ProblemType DATABASE_UNAVAILABLE =
            new ProblemType("database-unavailable", "The database is unavailable", 503);

    public URI type() {
        return URI.create(BASE + slug);
    }

    /** The general kind for an HTTP status raised by the framework rather than by a rule of ours. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 429 -> TOO_MANY_REQUESTS;
            default -> status >= 500 ? INTERNAL_ERROR : new ProblemType("http-" + status, "HTTP " + status, status);
        };
    }
}
