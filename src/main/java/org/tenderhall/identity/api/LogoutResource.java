package org.tenderhall.identity.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.identity.AccountService;

/**
 * Ends a browser session of the login form: the account's sessions issued until now are refused from now on
 * (also a copy of the cookie, and the account's sessions in other browsers), and the cookie is expired.
 */
@Path("/logout")
public class LogoutResource {

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @Inject
    SecurityIdentity identity;

    @Inject
    AccountService accounts;

    @POST
    public Response logout(@Context HttpServerRequest request) {
        String username;
        try {
            username = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        } catch (AuthenticationFailedException e) {
            username = null; // a session already ended: nothing left to end
        }
        if (username != null) {
            accounts.endSessions(username);
        }
        NewCookie expired = new NewCookie.Builder(cookieName).value("").path("/").maxAge(0).httpOnly(true)
                .secure(request.isSSL()).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/login.html")).cookie(expired).build();
    }
}
