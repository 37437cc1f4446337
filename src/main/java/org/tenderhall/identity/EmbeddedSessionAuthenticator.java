package org.tenderhall.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Restores the identity of a browser signed in through the login form, whose encrypted session cookie names
 * the user. The account is read again on every request, so a disabled account loses its session at once, and a
 * cookie issued before the account's last sign-out, password reset or disable is refused: a copy of the cookie
 * stops working with the original.
 */
@ApplicationScoped
public class EmbeddedSessionAuthenticator implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    AccountService accounts;

    @Inject
    IdentityConfig config;

    @Inject
    SessionCookies cookies;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            if (config.mode() != IdentityConfig.Mode.EMBEDDED) {
                throw new AuthenticationFailedException("embedded sessions are switched off in oidc mode");
            }
            String username = request.getPrincipal();
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            Cookie cookie = http == null ? null : http.request().getCookie(cookieName);
            Optional<Instant> issued = cookie == null ? Optional.empty() : cookies.issued(cookie.getValue(), username);
            Optional<Instant> validAfter = accounts.sessionsValidAfter(username);
            if (issued.isEmpty() || validAfter.isPresent() && !issued.get().isAfter(validAfter.get())) {
                throw new AuthenticationFailedException("the session was ended");
            }
            return accounts.findLogin(username)
                    .filter(AccountService.Login::enabled)
                    .map(EmbeddedAuthenticator::identityOf)
                    .orElseThrow(AuthenticationFailedException::new);
        });
    }
}
