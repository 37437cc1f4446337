package org.tenderhall.identity.api;

import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Ends a browser session of the login form. */
@Path("/logout")
public class LogoutResource {

    @Inject
    RoutingContext request;

    @POST
    public Response logout() {
        FormAuthenticationMechanism.logout(request);
        return Response.seeOther(URI.create("/login.html")).build();
    }
}
