package org.tenderhall.bid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.bid.BidUploads;
import org.tenderhall.bid.domain.UploadState;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Role;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/**
 * The resumable upload of a sealed bid (docs/bid-submission.md): create with the size and the outer signature,
 * {@code PATCH} the bytes from {@code Upload-Offset}, ask where it stands with {@code HEAD}, then commit.
 */
@Path("/api/bids")
@Produces(MediaType.APPLICATION_JSON)
public class BidUploadResource {

    public static final String OFFSET = "Upload-Offset";
    public static final String LENGTH = "Upload-Length";
    public static final String PIECE = "application/offset+octet-stream";

    /** {@code signature}: the base64 of {@code bid.cms.p7s}, the detached outer signature over the envelope. */
    public record NewUpload(@Pattern(regexp = "[A-Za-z0-9-]{1,20}") String lot, @NotNull Long size,
            @NotBlank @Size(max = 200_000) String signature) {
    }

    public record UploadView(UUID id, UUID tenderId, String lot, long size, long offset, UploadState state,
            Instant createdAt, String href, String commit) {
        static UploadView of(BidUpload u) {
            String href = "/api/bids/uploads/" + u.id;
            return new UploadView(u.id, u.tenderId, u.lot, u.declaredSize, u.received, u.state(), u.createdAt, href,
                    href + "/commit");
        }
    }

    @Inject
    BidUploads uploads;

    @Inject
    BidSubmissions submissions;

    @Inject
    CurrentUser user;

    @GET
    @Path("uploads/{upload}")
    @RolesAllowed(Role.Names.BIDDER)
    public Response get(@PathParam("upload") UUID id) {
        BidUpload upload = uploads.own(user.actingAs(Role.BIDDER), id);
        return Response.ok(UploadView.of(upload)).header(OFFSET, upload.received).header(LENGTH, upload.declaredSize)
                .header("Cache-Control", "no-store").build();
    }

    /** Where the upload stands: {@code Upload-Offset} is the bytes the platform holds. */
    @HEAD
    @Path("uploads/{upload}")
    @RolesAllowed(Role.Names.BIDDER)
    public Response head(@PathParam("upload") UUID id) {
        return get(id);
    }

    @PATCH
    @Path("uploads/{upload}")
    @Consumes({PIECE, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Role.Names.BIDDER)
    public Response append(@PathParam("upload") UUID id, @HeaderParam(OFFSET) String offset, InputStream body)
            throws IOException {
        Actor bidder = user.actingAs(Role.BIDDER);
        long from = offset(offset);
        long held = uploads.append(bidder, id, from, body);
        return Response.noContent().header(OFFSET, held).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("uploads/{upload}/commit")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed(Role.Names.BIDDER)
    public Response commit(@PathParam("upload") UUID id) {
        var receipt = submissions.commit(user.actingAs(Role.BIDDER), id);
        return Response.created(URI.create("/api/receipts/" + receipt.id)).entity(ReceiptView.of(receipt)).build();
    }

    @DELETE
    @Path("uploads/{upload}")
    @RolesAllowed(Role.Names.BIDDER)
    public Response abandon(@PathParam("upload") UUID id) {
        uploads.abandon(user.actingAs(Role.BIDDER), id);
        return Response.noContent().build();
    }

    /** Withdraws a valid bid before the deadline; the answer is the withdrawal's receipt. */
    @DELETE
    @Path("{bid}")
    @RolesAllowed(Role.Names.BIDDER)
    public ReceiptView withdraw(@PathParam("bid") UUID bidId) {
        return ReceiptView.of(submissions.withdraw(user.actingAs(Role.BIDDER), bidId));
    }

    static long offset(String header) {
        if (header == null || !header.matches("[0-9]{1,18}")) {
            throw new Rejection(ProblemType.BAD_REQUEST, "Send the header " + OFFSET + ": the bytes the upload holds"
                    + " (HEAD tells), as a whole number", List.of(new FieldError(OFFSET, "must be a whole number")));
        }
        return Long.parseLong(header);
    }

    static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Rejection(ProblemType.VALIDATION_FAILED, "The signature is not base64",
                    List.of(new FieldError("signature", "must be base64")));
        }
    }
}
