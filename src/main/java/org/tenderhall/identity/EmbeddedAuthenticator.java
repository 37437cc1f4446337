package org.tenderhall.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tenderhall.identity.domain.PasswordHash;
import org.tenderhall.identity.domain.SignInAttempts;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.SignInFailure;

/**
 * Checks user name and password (HTTP Basic and the login form) against the embedded accounts.
 *
 * <p>Basic authentication sends the password with every request, so a successful bcrypt check is remembered
 * for a few minutes under a keyed hash of name, stored hash and password; changing the password or disabling
 * the account takes effect at once because the account row is read on every request.
 *
 * <p>Failed sign-ins are counted per claimed user name and per client address ({@link SignInAttempts}); beyond
 * the limit every attempt is refused unchecked, and each failure is left on the request ({@link SignInFailure})
 * for the answer and the audit trail.
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

    private SignInAttempts attempts;

    @PostConstruct
    void limits() {
        IdentityConfig.SignInLimit limit = config.signInLimit();
        attempts = new SignInAttempts(clock, limit.perAccount(), limit.perAddress(), limit.window());
    }

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
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword()),
                http));
    }

    private SecurityIdentity check(String username, String password, RoutingContext http) {
        if (config.mode() != IdentityConfig.Mode.EMBEDDED) {
            throw new AuthenticationFailedException("embedded accounts are switched off in oidc mode");
        }
        String address = http == null || http.request().remoteAddress() == null ? "unknown"
                : http.request().remoteAddress().hostAddress();
        Optional<Duration> wait = attempts.lockedOut(username, address);
        if (wait.isPresent()) {
            new SignInFailure(username, IdentityRejections.TOO_MANY_SIGN_IN_ATTEMPTS, "Too many failed sign-ins for this"
                    + " account or from this address: try again after the time in Retry-After.", wait).markOn(http);
            throw new AuthenticationFailedException();
        }
        AccountService.Login login = accounts.findLogin(username).orElse(null);
        boolean signedIn;
        if (login == null) {
            PasswordHash.matches(password, DECOY_HASH);
            signedIn = false;
        } else {
            signedIn = passwordMatches(login, password) && login.enabled();
        }
        if (!signedIn) {
            attempts.failed(username, address);
            new SignInFailure(username, ProblemType.UNAUTHENTICATED, "Sign in: valid credentials are required for"
                    + " this request.", Optional.empty()).markOn(http);
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
