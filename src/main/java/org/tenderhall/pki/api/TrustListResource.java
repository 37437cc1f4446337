package org.tenderhall.pki.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Role;
import org.tenderhall.pki.TrustList;
import org.tenderhall.pki.store.Crl;
import org.tenderhall.pki.store.TrustedCa;

/** The trust list: recognised CAs and their CRLs, managed by admins, visible to supervisors. */
@Path("/api/trust")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrustListResource {

    public record AddCa(@NotBlank @Size(max = 20_000) String certificate) {
    }

    public record AddCrl(@NotBlank @Size(max = 900_000) String crl) {
    }

    public record CaView(long id, String subject, String sha256, Instant notAfter, boolean enabled, Instant addedAt,
            String certificate) {
        static CaView of(TrustedCa ca) {
            return new CaView(ca.id, ca.subject, ca.sha256, ca.notAfter, ca.enabled, ca.addedAt, ca.certificate);
        }
    }

    public record CrlView(String issuer, Instant thisUpdate, Instant nextUpdate, int revoked, Instant receivedAt) {
        static CrlView of(Crl crl) {
            return new CrlView(crl.issuer, crl.thisUpdate, crl.nextUpdate, crl.revokedCount, crl.receivedAt);
        }
    }

    @Inject
    TrustList trustList;

    @Inject
    CurrentUser user;

    @GET
    @Path("cas")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUPERVISOR})
    public List<CaView> cas() {
        return trustList.list().stream().map(CaView::of).toList();
    }

    @POST
    @Path("cas")
    @RolesAllowed(Role.Names.ADMIN)
    public Response addCa(@NotNull @Valid AddCa command) {
        TrustedCa ca = trustList.add(user.actingAs(Role.ADMIN), command.certificate().getBytes(StandardCharsets.US_ASCII));
        return Response.created(URI.create("/api/trust/cas/" + ca.id)).entity(CaView.of(ca)).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD) // no body: any content type, or none
    @Path("cas/{id}/disable")
    @RolesAllowed(Role.Names.ADMIN)
    public CaView disable(@PathParam("id") long id) {
        return CaView.of(trustList.setEnabled(user.actingAs(Role.ADMIN), id, false));
    }

    @POST
    @Consumes(MediaType.WILDCARD) // no body: any content type, or none
    @Path("cas/{id}/enable")
    @RolesAllowed(Role.Names.ADMIN)
    public CaView enable(@PathParam("id") long id) {
        return CaView.of(trustList.setEnabled(user.actingAs(Role.ADMIN), id, true));
    }

    @GET
    @Path("crls")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUPERVISOR})
    public List<CrlView> crls() {
        return trustList.listCrls().stream().map(CrlView::of).toList();
    }

    @POST
    @Path("crls")
    @RolesAllowed(Role.Names.ADMIN)
    public Response addCrl(@NotNull @Valid AddCrl command) {
        Crl crl = trustList.addCrl(user.actingAs(Role.ADMIN), command.crl().getBytes(StandardCharsets.US_ASCII));
        return Response.status(Response.Status.CREATED).entity(CrlView.of(crl)).build();
    }
}
