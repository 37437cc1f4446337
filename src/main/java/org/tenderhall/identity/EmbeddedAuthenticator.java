package org.tenderhall.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tenderhall.identity.domain.PasswordHash;

/**
 * Checks user name and password (HTTP Basic and the login form) against the embedded accounts.
 *
 * <p>Basic authentication sends the password with every request, so a successful bcrypt check is remembered
 * for a few minutes under a keyed hash of name, stored hash and password; changing the password or disabling
 * the account takes effect at once because the account row is read on every request.
 */
@ApplicationScoped
public class EmbeddedAuthenticator implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The identity attribute that carries the user's organisation credit code. */
    public static final String ORGANISATION = "tenderhall.organisation";

    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;
    /** Checked against unknown user names, so that they take as long as wrong passwords. */
    private static final String DECOY_HASH = PasswordHash.hash("decoy-password-never-used");

    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec cacheKey;

    @Inject
    AccountService accounts;

    @Inject
    IdentityConfig config;

    @Inject
    Clock clock;

    public EmbeddedAuthenticator() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    private SecurityIdentity check(String username, String password) {
        if (config.mode() != IdentityConfig.Mode.EMBEDDED) {
            throw new AuthenticationFailedException("embedded accounts are switched off in oidc mode");
        }
        AccountService.Login login = accounts.findLogin(username).orElse(null);
        if (login == null) {
            PasswordHash.matches(password, DECOY_HASH);
            throw new AuthenticationFailedException();
        }
        if (!passwordMatches(login, password) || !login.enabled()) {
            throw new AuthenticationFailedException();
        }
        return identityOf(login);
    }

    /** The identity of an enabled embedded account: its name, its one role, its organisation. */
    static SecurityIdentity identityOf(AccountService.Login login) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(login.username()))
                .addRole(login.role().id())
                .addAttribute(ORGANISATION, login.organisation().value())
                .build();
    }

    private boolean passwordMatches(AccountService.Login login, String password) {
        String key = rememberKey(login, password);
        long now = clock.millis();
        Long until = verified.get(key);
        if (until != null && until > now) {
            return true;
        }
        if (!PasswordHash.matches(password, login.passwordHash())) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, now + REMEMBER.toMillis());
        return true;
    }

    private String rememberKey(AccountService.Login login, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            String material = login.username() + '\0' + login.passwordHash() + '\0' + password;
            return HexFormat.of().formatHex(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java platform", e);
        }
    }
}
