package org.tenderhall.identity.api;

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
import java.util.List;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.identity.OrganisationService;
import org.tenderhall.identity.domain.ValidCreditCode;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

@Path("/api/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    /** Registers an organisation under its unified social credit code. */
    public record RegisterOrganisation(
            @NotNull @ValidCreditCode String code,
            @NotBlank @Size(max = 200) String name) {
    }

    @Inject
    OrganisationService organisations;

    @Inject
    CurrentUser user;

    @POST
    @RolesAllowed(Role.Names.ADMIN)
    public Response register(@NotNull @Valid RegisterOrganisation command) {
        var registered = organisations.register(user.actingAs(Role.ADMIN), new OrgCode(command.code()),
                command.name());
        return Response.created(URI.create("/api/organisations/" + registered.code))
                .entity(OrganisationView.of(registered)).build();
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUPERVISOR})
    public List<OrganisationView> list() {
        return organisations.list().stream().map(OrganisationView::of).toList();
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUPERVISOR})
    public OrganisationView get(@PathParam("code") @ValidCreditCode String code) {
        return organisations.find(new OrgCode(code)).map(OrganisationView::of).orElseThrow(
                () -> new Rejection(ProblemType.NOT_FOUND, "No organisation with credit code " + code + "."));
    }
}
