package org.tenderhall.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.identity.IdentityRejections.OrganisationAlreadyRegistered;
import org.tenderhall.identity.store.Organisation;
import org.tenderhall.identity.store.OrganisationRepository;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.platform.database.TransactionLock;

/** Registers and finds organisations. */
@ApplicationScoped
public class OrganisationService {

    @Inject
    OrganisationRepository organisations;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public Organisation register(Actor actor, OrgCode code, String name) {
        // Serialise registrations of the same code so that a race ends in 409, not in a key violation.
        TransactionLock.acquire(organisations.getEntityManager(), "organisation:" + code);
        if (organisations.findById(code.value()) != null) {
            throw new OrganisationAlreadyRegistered(code);
        }
        Organisation organisation = new Organisation();
        organisation.code = code.value();
        organisation.name = name.strip();
        organisation.registeredAt = clock.instant();
        organisations.persist(organisation);
        audit.record(actor, "OrganisationRegistered", "organisation:" + code,
                Map.of("code", code.value(), "name", organisation.name));
        return organisation;
    }

    @Transactional
    public List<Organisation> list() {
        return organisations.listByCode();
    }

    @Transactional
    public boolean anyRegistered() {
        return organisations.count() > 0;
    }

    /** The registered name of an organisation, by its credit code. */
    public Optional<String> name(String code) {
        return organisations.findByIdOptional(code).map(o -> o.name);
    }

    @Transactional
    public Optional<Organisation> find(OrgCode code) {
        return organisations.findByIdOptional(code.value());
    }
}
