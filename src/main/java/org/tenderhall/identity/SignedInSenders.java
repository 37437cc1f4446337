package org.tenderhall.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tenderhall.audit.RequestSenders;

/** Who sent a request, for the refusal trail: the signed-in user in either identity mode, with its organisation. */
@ApplicationScoped
public class SignedInSenders implements RequestSenders {

    @Inject
    IdentityConfig config;

    @Override
    public Sender of(RoutingContext context) {
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            return Sender.ANONYMOUS;
        }
        String organisation = identity.getAttribute(EmbeddedAuthenticator.ORGANISATION);
        if (organisation == null && identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(config.organisationClaim());
            organisation = claim == null ? "" : claim.toString().replace("\"", "");
        }
        return new Sender(identity.getPrincipal().getName(), String.join(",", new TreeSet<>(identity.getRoles())),
                organisation == null ? "" : organisation);
    }
}
