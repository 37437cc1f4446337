package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lease on an opening under way: one instance at a time opens its bids. The lease is renewed with each line
 * written; one that runs out (its instance died) lets another instance resume where the lines end.
 */
@ApplicationScoped
class OpeningLeases {

    /** This process, as the holder of opening leases. */
    private static final UUID INSTANCE = UUID.randomUUID();

    @Inject
    OpeningConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Takes the lease of one opening under way that nobody holds: the one released longest ago (never leased
     * first), so that in one run each opening gets its turn before any gets a second.
     */
    Optional<UUID> take() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object> taken = em.createNativeQuery("update opening set lease_owner = :me, lease_until = :until"
                    + " where tender_id = (select tender_id from opening where state = 'DECRYPTING'"
                    + " and (lease_until is null or lease_until < :now) order by lease_until nulls first, started_at"
                    + " limit 1 for update skip locked) returning tender_id")
                    .setParameter("me", INSTANCE).setParameter("until", now.plus(config.lease())).setParameter("now", now)
                    .getResultList();
            return taken.stream().findFirst().map(id -> (UUID) id);
        });
    }

    /**
     * Renews this instance's lease on the opening from {@code now}, holding it until the caller's transaction ends: false when the
     * lease is no longer this instance's (it ran out and another took it) or the opening is no longer under way.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean renew(UUID tenderId, Instant now) {
        return em.createNativeQuery("update opening set lease_until = :until where tender_id = :t"
                + " and lease_owner = :me and state = 'DECRYPTING'").setParameter("until", now.plus(config.lease()))
                .setParameter("t", tenderId).setParameter("me", INSTANCE).executeUpdate() > 0;
    }

    /** Gives the lease back, marked with the time: the opening goes to the back of the queue. */
    void release(UUID tenderId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update opening set lease_owner = null,"
                + " lease_until = :now where tender_id = :t and lease_owner = :me").setParameter("now", clock.instant())
                .setParameter("t", tenderId).setParameter("me", INSTANCE).executeUpdate());
    }
}
