package org.tenderhall.identity;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;
import org.tenderhall.platform.database.TransactionLock;

/**
 * How the first accounts come to exist: the demo data set on a fresh embedded platform (or when asked for),
 * or a bootstrap administrator from configuration. Both go through the same services as an admin would, so
 * they leave their audit events. Prints the URL and the demo accounts on every start while they exist.
 */
@Singleton
class FirstAccounts {

    private static final Logger LOG = Logger.getLogger(FirstAccounts.class);

    @Inject
    IdentityConfig config;

    @Inject
    OrganisationService organisations;

    @Inject
    AccountService accounts;

    @ConfigProperty(name = "tenderhall.embedded-database.active", defaultValue = "false")
    boolean embeddedDatabase;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled")
    boolean oidcTenantEnabled;

    @Inject
    EntityManager em;

    @Inject
    Event<DemoDataSeeded> seeded;

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == IdentityConfig.Mode.OIDC && !oidcTenantEnabled) {
            LOG.warn("tenderhall.identity.mode=oidc but quarkus.oidc.tenant-enabled=false: no bearer token will be"
                    + " accepted and nobody can sign in. Set QUARKUS_OIDC_TENANT_ENABLED=true and the Keycloak URL.");
        }
        createFirstAccounts();
        if (config.mode() == IdentityConfig.Mode.EMBEDDED && accounts.find("admin").isPresent()
                && organisations.find(DemoData.OPERATOR.code()).isPresent()) {
            printDemoBanner();
        }
    }

    private void printDemoBanner() {
        StringBuilder banner = new StringBuilder()
                .append("\n==================================================================\n")
                .append(" Tenderhall is up: http://localhost:").append(port).append('\n')
                .append(" DEMO DATA: these accounts share the password '").append(DemoData.PASSWORD).append("'\n");
        for (DemoData.DemoAccount account : DemoData.ACCOUNTS) {
            banner.append(String.format("   %-11s %-10s %s%n", account.username(), account.role().id(),
                    account.displayName()));
        }
        banner.append(" Try: curl -u admin:").append(DemoData.PASSWORD).append(" http://localhost:")
                .append(port).append("/api/me\n")
                .append("==================================================================");
        LOG.warn(banner);
    }

    /** One instance at a time: several starting together on one database must not seed twice. */
    @Transactional
    void createFirstAccounts() {
        TransactionLock.acquire(em, "tenderhall:first-accounts");
        if (shouldSeedDemo()) {
            seedDemo();
        }
        bootstrapAdmin();
    }

    private boolean shouldSeedDemo() {
        return switch (config.demoData()) {
            case NEVER -> false;
            case SEED -> !organisations.anyRegistered();
            case AUTO -> embeddedDatabase && !organisations.anyRegistered();
        };
    }

    private void seedDemo() {
        Actor system = Actor.system(DemoData.OPERATOR.code());
        for (DemoData.DemoOrganisation org : DemoData.ORGANISATIONS) {
            organisations.register(system, org.code(), org.name());
        }
        seeded.fire(new DemoDataSeeded(system));
        if (config.mode() != IdentityConfig.Mode.EMBEDDED) {
            LOG.warnf("DEMO DATA SEEDED: %d organisations; accounts come from the identity provider (oidc mode).",
                    DemoData.ORGANISATIONS.size());
            return;
        }
        for (DemoData.DemoAccount account : DemoData.ACCOUNTS) {
            accounts.create(system, account.username(), account.displayName(), DemoData.PASSWORD, account.role(),
                    account.organisation());
        }
        LOG.warnf("DEMO DATA SEEDED: %d organisations and %d accounts with the documented password '%s'."
                + " Not for production: see README, 'Production'.", DemoData.ORGANISATIONS.size(),
                DemoData.ACCOUNTS.size(), DemoData.PASSWORD);
    }

    private void bootstrapAdmin() {
        IdentityConfig.Bootstrap bootstrap = config.bootstrap();
        if (bootstrap.adminPassword().isEmpty() || config.mode() != IdentityConfig.Mode.EMBEDDED
                || accounts.anyAdmin()) {
            return;
        }
        OrgCode operator = new OrgCode(bootstrap.organisationCode().orElseThrow(() -> new IllegalStateException(
                "tenderhall.identity.bootstrap.organisation-code is required with a bootstrap admin password")));
        if (accounts.find(bootstrap.adminUsername()).isPresent()) {
            LOG.warnf("No enabled admin, and the bootstrap admin '%s' exists but is disabled: enable it with SQL or"
                    + " choose another tenderhall.identity.bootstrap.admin-username", bootstrap.adminUsername());
            return;
        }
        Actor system = Actor.system(operator);
        if (organisations.find(operator).isEmpty()) {
            organisations.register(system, operator, bootstrap.organisationName());
        }
        accounts.create(system, bootstrap.adminUsername(), "Administrator", bootstrap.adminPassword().get(),
                Role.ADMIN, operator);
        LOG.warnf("Bootstrap administrator '%s' created for organisation %s", bootstrap.adminUsername(), operator);
    }
}
