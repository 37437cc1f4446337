package org.tenderhall.identity.api;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.identity.IdentityConfig;
import org.tenderhall.identity.OrganisationService;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** Who is signed in: name, roles, organisation, and which identity mode said so. */
    public record Me(String username, List<String> roles, OrganisationView organisation, String identityMode) {
    }

    @Inject
    CurrentUser user;

    @Inject
    OrganisationService organisations;

    @Inject
    IdentityConfig config;

    @GET
    @Authenticated
    public Me me() {
        OrgCode code = user.organisation();
        OrganisationView organisation = organisations.find(code).map(OrganisationView::of)
                .orElse(new OrganisationView(code.value(), null, null));
        return new Me(user.username(), user.roles().stream().map(Role::id).toList(), organisation,
                config.mode().name().toLowerCase(Locale.ROOT));
    }
}
