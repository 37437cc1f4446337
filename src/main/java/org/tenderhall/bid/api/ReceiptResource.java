package org.tenderhall.bid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.bid.store.Receipt;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Role;

/** A bidder's receipts, whole (JSON) or as the three raw files OpenSSL checks. */
@Path("/api/receipts/{id}")
public class ReceiptResource {

    @Inject
    BidSubmissions submissions;

    @Inject
    CurrentUser user;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.BIDDER)
    public ReceiptView get(@PathParam("id") UUID id) {
        return ReceiptView.of(own(id));
    }

    /** The signed facts: the exact bytes the signature and the timestamp cover. */
    @GET
    @Path("receipt.json")
    @Produces({MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.Names.BIDDER)
    public Response content(@PathParam("id") UUID id) {
        return file(own(id).content, MediaType.APPLICATION_JSON, "receipt.json");
    }

    @GET
    @Path("receipt.p7s")
    @Produces({"application/pkcs7-signature", MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.Names.BIDDER)
    public Response signature(@PathParam("id") UUID id) {
        return file(own(id).signature, "application/pkcs7-signature", "receipt.p7s");
    }

    @GET
    @Path("receipt.tst")
    @Produces({"application/timestamp-token", MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.Names.BIDDER)
    public Response timestamp(@PathParam("id") UUID id) {
        return file(own(id).timestamp, "application/timestamp-token", "receipt.tst");
    }

    private Receipt own(UUID id) {
        return submissions.receipt(user.actingAs(Role.BIDDER), id);
    }

    private static Response file(byte[] bytes, String type, String name) {
        return Response.ok(bytes, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
