package org.tenderhall.tender;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.platform.database.TransactionLock;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.store.Registration;
import org.tenderhall.tender.store.Tender;

/**
 * Bidder organisations obtaining a tender's documents (报名). A bidder sees its own registration only; nothing
 * lists or counts the registrations of a tender, for anyone, before the opening.
 */
@ApplicationScoped
public class Registrations {

    @Inject
    Tenders tenders;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Registers the bidder's organisation for a published tender; registering again changes nothing. */
    @Transactional
    public Registration register(Actor bidder, UUID tenderId) {
        Tender tender = tenders.visible(bidder, tenderId);
        Tenders.requireBiddingOpen(tender, clock.instant(), "Bidders register");
        String organisation = bidder.organisation().value();
        TransactionLock.acquire(em, "registration:" + tenderId + ":" + organisation);
        Optional<Registration> existing = of(organisation, tenderId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Registration registration = new Registration();
        registration.tenderId = tenderId;
        registration.organisation = organisation;
        registration.registeredAt = clock.instant();
        em.persist(registration);
        audit.record(bidder, "TenderRegistered", Tenders.subject(tenderId), Map.of("organisation", organisation));
        return registration;
    }

    /**
     * A bidder downloading a published tender's documents registers for it, while bidding is open; a download after
     * the deadline is only a download.
     */
    @Transactional
    public void recordDownload(Actor bidder, Tender tender) {
        if (tender.status() == TenderStatus.PUBLISHED && clock.instant().isBefore(tender.bidDeadline)) {
            register(bidder, tender.id);
        }
    }

    public Optional<Registration> of(String organisation, UUID tenderId) {
        Registration.Key key = new Registration.Key();
        key.tenderId = tenderId;
        key.organisation = organisation;
        return Optional.ofNullable(em.find(Registration.class, key));
    }

    public boolean registered(String organisation, UUID tenderId) {
        return of(organisation, tenderId).isPresent();
    }

    /** The tenders an organisation registered for: where its messages come from. */
    public List<UUID> tendersOf(String organisation) {
        return em.createQuery("select r.tenderId from Registration r where r.organisation = :org", UUID.class)
                .setParameter("org", organisation).getResultList();
    }
}
