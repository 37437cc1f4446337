package org.tenderhall.timestamp;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/**
 * RFC 3161 over HTTP: a DER {@code application/timestamp-query} in, a DER {@code application/timestamp-reply}
 * out (a token, or a rejection such as an unaccepted digest algorithm). A body that is not a request at all is
 * a problem response.
 */
@Path("/api/timestamp")
public class TimestampResource {

    public static final String QUERY = "application/timestamp-query";
    public static final String REPLY = "application/timestamp-reply";
    public static final ProblemType MALFORMED = new ProblemType("malformed-timestamp-request",
            "Not an RFC 3161 time-stamp request", 400);

    @Inject
    PlatformTimestamps timestamps;

    @POST
    @Authenticated
    @Consumes(QUERY)
    @Produces(REPLY)
    public Response stamp(byte[] body) throws TSPException, IOException {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(body);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new Rejection(MALFORMED, "The body is not a DER-encoded RFC 3161 TimeStampReq");
        }
        return Response.ok(timestamps.respond(request).getEncoded(), REPLY).build();
    }
}
