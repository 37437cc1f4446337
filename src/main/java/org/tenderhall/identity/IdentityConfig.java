package org.tenderhall.identity;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code tenderhall.identity.*}: which identity mode runs, and how the first accounts come to exist. Defaults in
 * application.properties.
 */
@ConfigMapping(prefix = "tenderhall.identity")
public interface IdentityConfig {

    enum Mode { EMBEDDED, OIDC }

    enum DemoData {
        /** Seed on first start when the embedded database is in use; never on an external database. */
        AUTO,
        /** Seed on first start whatever the database. */
        SEED,
        NEVER
    }

    /** {@code embedded}: accounts in the database; {@code oidc}: bearer tokens from Keycloak. */
    Mode mode();

    /** The token claim that carries the user's organisation credit code in {@code oidc} mode. */
    String organisationClaim();

    DemoData demoData();

    Bootstrap bootstrap();

    SignInLimit signInLimit();

    /**
     * Failed sign-ins (embedded mode: Basic or the login form) allowed per account and per client address within
     * the window; beyond them attempts are refused with {@code 429} until the window has passed. Counted in
     * memory, per instance ({@link org.tenderhall.identity.domain.SignInAttempts}).
     */
    interface SignInLimit {
        int perAccount();

        int perAddress();

        Duration window();
    }

    /**
     * The first administrator for an embedded-mode platform on an external database, created at start when no
     * enabled admin exists and a password is given.
     */
    interface Bootstrap {
        String adminUsername();

        Optional<String> adminPassword();

        Optional<String> organisationCode();

        String organisationName();
    }
}
