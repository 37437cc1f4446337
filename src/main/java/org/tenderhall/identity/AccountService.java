package org.tenderhall.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.identity.IdentityRejections.AccountAlreadyExists;
import org.tenderhall.identity.IdentityRejections.AccountsManagedExternally;
import org.tenderhall.identity.IdentityRejections.OrganisationNotRegistered;
import org.tenderhall.identity.domain.PasswordHash;
import org.tenderhall.identity.store.Account;
import org.tenderhall.identity.store.AccountRepository;
import org.tenderhall.identity.store.OrganisationRepository;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;
import org.tenderhall.platform.database.TransactionLock;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/** Accounts of the embedded identity mode: created, disabled and re-enabled by an admin. */
@ApplicationScoped
public class AccountService {

    /** What the authenticator needs to know of an account. */
    public record Login(String username, String passwordHash, Role role, OrgCode organisation, boolean enabled) {
    }

    @Inject
    AccountRepository accounts;

    @Inject
    OrganisationRepository organisations;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    IdentityConfig config;

    @Transactional
    public Account create(Actor actor, String username, String displayName, String password, Role role,
            OrgCode organisation) {
        requireEmbeddedMode();
        if (Actor.SYSTEM.equals(username)) {
            throw new Rejection(ProblemType.VALIDATION_FAILED, "The name '" + Actor.SYSTEM + "' is reserved for the platform",
                    List.of(new FieldError("username", "reserved for the platform's own actions")));
        }
        checkPasswordLength(password);
        TransactionLock.acquire(accounts.getEntityManager(), "account:" + username);
        if (accounts.findById(username) != null) {
            throw new AccountAlreadyExists(username);
        }
        if (organisations.findById(organisation.value()) == null) {
            throw new OrganisationNotRegistered("organisation", organisation);
        }
        Account account = new Account();
        account.username = username;
        account.displayName = displayName.strip();
        account.passwordHash = PasswordHash.hash(password);
        account.role = role.id();
        account.organisation = organisation.value();
        account.enabled = true;
        account.createdAt = clock.instant();
        accounts.persist(account);
        audit.record(actor, "AccountCreated", "account:" + username, Map.of(
                "username", username, "displayName", account.displayName, "role", role.id(),
                "organisation", organisation.value()));
        return account;
    }

    @Transactional
    public Account setEnabled(Actor actor, String username, boolean enabled) {
        requireEmbeddedMode();
        Account account = existing(username);
        if (account.enabled != enabled) {
            account.enabled = enabled;
            endSessions(account);
            audit.record(actor, enabled ? "AccountEnabled" : "AccountDisabled", "account:" + username,
                    Map.of("username", username));
        }
        return account;
    }

    @Transactional
    public Account resetPassword(Actor actor, String username, String newPassword) {
        requireEmbeddedMode();
        Account account = existing(username);
        checkPasswordLength(newPassword);
        account.passwordHash = PasswordHash.hash(newPassword);
        endSessions(account);
        audit.record(actor, "AccountPasswordReset", "account:" + username, Map.of("username", username));
        return account;
    }

    /** Ends every browser session of the account that exists now (a sign-out ends them on every device). */
    @Transactional
    public void endSessions(String username) {
        accounts.findByIdOptional(username).ifPresent(AccountService::endSessions);
    }

    /** The instant at or before which the account's browser sessions were issued and are no longer accepted. */
    @Transactional
    public Optional<Instant> sessionsValidAfter(String username) {
        return accounts.findByIdOptional(username).map(a -> a.sessionsValidAfter);
    }

    /**
     * The session cookie's times come from the system clock (Quarkus writes them), so this one does too, not
     * the injected clock that tests may move.
     */
    private static void endSessions(Account account) {
        account.sessionsValidAfter = Instant.now();
    }

    @Transactional
    public List<Account> list() {
        return accounts.listByUsername();
    }

    @Transactional
    public Optional<Account> find(String username) {
        return accounts.findByIdOptional(username);
    }

    @Transactional
    public Optional<Login> findLogin(String username) {
        return accounts.findByIdOptional(username).map(a -> new Login(a.username, a.passwordHash,
                Role.fromId(a.role).orElseThrow(), new OrgCode(a.organisation), a.enabled));
    }

    /** An enabled account as the actor it would be: its role and organisation. */
    @Transactional
    public Optional<Actor> enabled(String username) {
        return accounts.findByIdOptional(username).filter(a -> a.enabled)
                .map(a -> new Actor(a.username, Role.fromId(a.role).orElseThrow(), new OrgCode(a.organisation)));
    }

    @Transactional
    public boolean anyAdmin() {
        return accounts.anyAdmin();
    }

    private Account existing(String username) {
        Account account = accounts.findById(username);
        if (account == null) {
            throw new Rejection(ProblemType.NOT_FOUND, "No account named '" + username + "'.");
        }
        return account;
    }

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    private static void checkPasswordLength(String password) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PasswordHash.MAX_BYTES) {
            throw new Rejection(ProblemType.VALIDATION_FAILED, "The password is longer than bcrypt can use",
                    List.of(new FieldError("password", "at most " + PasswordHash.MAX_BYTES + " bytes in UTF-8")));
        }
    }

    private void requireEmbeddedMode() {
        if (config.mode() != IdentityConfig.Mode.EMBEDDED) {
            throw new AccountsManagedExternally();
        }
    }
}
