package org.tenderhall.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Restores the identity of a browser signed in through the login form, whose encrypted session cookie names
 * the user. The account is read again on every request, so a disabled account loses its session at once.
 */
@ApplicationScoped
public class EmbeddedSessionAuthenticator implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    AccountService accounts;

    @Inject
    IdentityConfig config;

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
            return accounts.findLogin(request.getPrincipal())
                    .filter(AccountService.Login::enabled)
                    .map(EmbeddedAuthenticator::identityOf)
                    .orElseThrow(AuthenticationFailedException::new);
        });
    }
}
