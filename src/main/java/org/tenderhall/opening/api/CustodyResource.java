package org.tenderhall.opening.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Role;
import org.tenderhall.opening.ContentKeyHandIns;
import org.tenderhall.opening.CustodyPlans;
import org.tenderhall.opening.KeyShareHandIns;
import org.tenderhall.opening.OpeningRecords;
import org.tenderhall.opening.store.OpeningContentKey;
import org.tenderhall.openingkey.Custodians;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.KeyEnvelopes;

/**
 * The custody of a tender's opening key: the plan a draft asks for, and under dual control the custodians' shares
 * (fetched and handed in at the opening, with {@code bidkit share}).
 */
@Path("/api/tenders/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class CustodyResource {

    public static final String KEY_ENVELOPE = "application/pkcs7-mime";

    @Inject
    CustodyPlans plans;

    @Inject
    KeyShareHandIns handIns;

    @Inject
    ContentKeyHandIns contentKeys;

    @Inject
    OpeningRecords records;

    @Inject
    CurrentUser user;

    public record HandedIn(String custodian, int share, java.time.Instant handedInAt) {
    }

    /** The custody of the opening key, set on a draft: {@code SCHEDULED} (default) or {@code DUAL_CONTROL}. */
    @PUT
    @Path("opening-custody")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.AGENT)
    public CustodyPlans.Plan plan(@PathParam("id") UUID id, @NotNull @Valid CustodyPlans.Plan plan) {
        return plans.plan(user.actingAs(Role.AGENT), id, plan);
    }

    @GET
    @Path("opening-custody")
    @RolesAllowed({Role.Names.AGENT, Role.Names.SUPERVISOR, Role.Names.ADMIN, Role.Names.BIDDER})
    public CustodyPlans.Plan plan(@PathParam("id") UUID id) {
        records.visible(user.reading(), id);
        return plans.of(id, records.custodyOf(id));
    }

    /** The opening's one-time transport certificate (PEM), from the start of the opening. */
    @GET
    @Path("opening/transport-certificate")
    @Produces({"application/x-pem-file", MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Names.AGENT, Role.Names.SUPERVISOR, Role.Names.ADMIN, Role.Names.BIDDER})
    public Response transportCertificate(@PathParam("id") UUID id) {
        return Response.ok(records.transportCertificate(user.reading(), id), "application/x-pem-file").build();
    }

    /** The caller's share, encrypted to its certificate (DER CMS): from the opening time on, custodians only. */
    @GET
    @Path("opening/shares/mine")
    @Produces({KEY_ENVELOPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Names.AGENT, Role.Names.SUPERVISOR, Role.Names.ADMIN})
    public Response share(@PathParam("id") UUID id) {
        return Response.ok(handIns.shareOf(user.reading(), id), KEY_ENVELOPE).build();
    }

    /**
     * Bidder decrypts: a bidder hands in its bid's content key (a {@code ContentKeyDocument}), encrypted to the
     * opening's transport certificate (DER CMS), within the decryption window.
     */
    @POST
    @Path("opening/keys")
    @Consumes({KEY_ENVELOPE, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Role.Names.BIDDER)
    public KeyHandedIn handInKey(@PathParam("id") UUID id, byte[] envelope) {
        requireEnvelope(envelope);
        OpeningContentKey key = contentKeys.handIn(user.actingAs(Role.BIDDER), id, envelope);
        return new KeyHandedIn(key.bidId, key.handedInAt);
    }

    public record KeyHandedIn(UUID bid, java.time.Instant handedInAt) {
    }

    private static void requireEnvelope(byte[] envelope) {
        if (envelope == null || envelope.length == 0 || envelope.length > KeyEnvelopes.MAX_SIZE) {
            throw new Rejection(ProblemType.BAD_REQUEST, "The body is a DER CMS envelope of at most "
                    + KeyEnvelopes.MAX_SIZE + " bytes");
        }
    }

    /** A custodian hands in its share, encrypted to the opening's transport certificate (DER CMS). */
    @POST
    @Path("opening/shares")
    @Consumes({KEY_ENVELOPE, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Role.Names.AGENT, Role.Names.SUPERVISOR, Role.Names.ADMIN})
    public HandedIn handIn(@PathParam("id") UUID id, byte[] envelope) {
        requireEnvelope(envelope);
        Custodians.Custodian custodian = handIns.handIn(user.reading(), id, envelope);
        return new HandedIn(custodian.account(), custodian.position(), custodian.handedInAt());
    }
}
