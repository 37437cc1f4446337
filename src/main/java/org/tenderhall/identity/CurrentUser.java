package org.tenderhall.identity;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tenderhall.identity.IdentityRejections.NoOrganisation;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.CreditCode;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;

/**
 * The signed-in user of this request, the same whichever identity mode authenticated them: the embedded
 * authenticator puts the organisation in an identity attribute, a Keycloak token carries it in a claim.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    IdentityConfig config;

    public String username() {
        return identity.getPrincipal().getName();
    }

    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(name -> Role.fromId(name).ifPresent(roles::add));
        return roles;
    }

    public OrgCode organisation() {
        String code = identity.getAttribute(EmbeddedAuthenticator.ORGANISATION);
        if (code == null && identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(config.organisationClaim());
            code = claim == null ? null : claim.toString().replace("\"", "");
        }
        if (code == null) {
            throw new NoOrganisation("Your sign-in carries no organisation (claim '" + config.organisationClaim()
                    + "'); ask the identity provider's administrator to set it.");
        }
        if (!CreditCode.isValid(code)) {
            throw new NoOrganisation("Your sign-in carries '" + code + "' as organisation, which is not a valid"
                    + " unified social credit code.");
        }
        return new OrgCode(code);
    }

    /** This user acting in {@code role}, for commands; refused when the user does not hold it. */
    public Actor actingAs(Role role) {
        if (!identity.hasRole(role.id())) {
            throw new ForbiddenException();
        }
        return new Actor(username(), role, organisation());
    }

    /**
     * This user for reading: as an agent when they hold that role (an agent's reads include its organisation's
     * drafts), else in the first platform role they hold; refused when they hold none.
     */
    public Actor reading() {
        Set<Role> roles = roles();
        if (roles.isEmpty()) {
            throw new ForbiddenException();
        }
        return actingAs(roles.contains(Role.AGENT) ? Role.AGENT : roles.iterator().next());
    }
}
