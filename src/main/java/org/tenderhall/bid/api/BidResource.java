package org.tenderhall.bid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.bid.BidUploads;
import org.tenderhall.bid.domain.BidStatus;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.bid.store.SealedBid;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Role;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/**
 * A bidder's own bids: the one-shot submission (the resumable upload in one request), the list of its own bids for
 * a tender, and withdrawal. No endpoint lists another organisation's bids or counts them.
 */
@Path("/api/tenders/{id}/bids")
@Produces(MediaType.APPLICATION_JSON)
public class BidResource {

    public static final String SIGNATURE = "Bid-Signature";

    public record BidView(UUID id, UUID tenderId, String lot, String envelopeSha256, long size, Instant receivedAt,
            BidStatus status, Instant statusChangedAt, List<String> receipts) {
    }

    @Inject
    BidUploads uploads;

    @Inject
    BidSubmissions submissions;

    @Inject
    CurrentUser user;

    /**
     * The envelope as the body (streamed to storage), its detached outer signature base64 in the {@code Bid-Signature}
     * header; the receipt, or the refusal. For a poor connection use the resumable upload instead.
     */
    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, BidUploadResource.PIECE})
    @RolesAllowed(Role.Names.BIDDER)
    public Response submit(@PathParam("id") UUID tenderId, @QueryParam("lot") String lot,
            @HeaderParam(SIGNATURE) String signature, @HeaderParam("Content-Length") Long length, InputStream body)
            throws IOException {
        Actor bidder = user.actingAs(Role.BIDDER);
        if (signature == null || signature.isBlank()) {
            throw new Rejection(ProblemType.BAD_REQUEST, "Send the outer signature (bid.cms.p7s) base64 in the "
                    + SIGNATURE + " header", List.of(new FieldError(SIGNATURE, "is required")));
        }
        if (length == null) {
            throw new Rejection(ProblemType.BAD_REQUEST, "Send the envelope with its Content-Length; without one, use"
                    + " the resumable upload", List.of(new FieldError("Content-Length", "is required")));
        }
        if (lot != null && !lot.matches("[A-Za-z0-9-]{1,20}")) {
            throw new Rejection(ProblemType.VALIDATION_FAILED, "Not a lot", List.of(new FieldError("lot",
                    "must be 1 to 20 letters, digits or hyphens")));
        }
        BidUpload upload = uploads.create(bidder, tenderId, lot == null ? "1" : lot, length,
                BidUploadResource.base64(signature));
        try {
            uploads.append(bidder, upload.id, 0, body);
        } catch (RuntimeException | IOException e) {
            uploads.abandon(bidder, upload.id);
            throw e;
        }
        var receipt = submissions.commit(bidder, upload.id);
        return Response.created(URI.create("/api/receipts/" + receipt.id)).entity(ReceiptView.of(receipt)).build();
    }

    @GET
    @RolesAllowed(Role.Names.BIDDER)
    public List<BidView> own(@PathParam("id") UUID tenderId) {
        return submissions.own(user.actingAs(Role.BIDDER), tenderId).stream().map(b -> new BidView(b.id, b.tenderId,
                b.lot, b.envelopeSha256, b.size, b.receivedAt, b.status(), b.statusChangedAt(),
                submissions.receipts(b.id).stream().map(r -> "/api/receipts/" + r.id).toList())).toList();
    }

    @POST
    @Path("uploads")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.BIDDER)
    public Response create(@PathParam("id") UUID tenderId, @NotNull @Valid BidUploadResource.NewUpload command) {
        BidUpload upload = uploads.create(user.actingAs(Role.BIDDER), tenderId,
                command.lot() == null ? "1" : command.lot(), command.size(), BidUploadResource.base64(command.signature()));
        return Response.created(URI.create("/api/bids/uploads/" + upload.id)).entity(BidUploadResource.UploadView.of(upload))
                .header(BidUploadResource.OFFSET, 0).header(BidUploadResource.LENGTH, upload.declaredSize).build();
    }
}
