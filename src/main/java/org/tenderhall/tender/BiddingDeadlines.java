package org.tenderhall.tender;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.tender.domain.TenderTransition;
import org.tenderhall.tender.domain.TimedTransitions;
import org.tenderhall.tender.store.Tender;

/**
 * Closes bidding at each published tender's deadline. Several instances may run it at once: each takes the due
 * tenders with {@code FOR UPDATE SKIP LOCKED} and re-checks them under the lock, so every tender closes exactly
 * once. Whether a tender is due is {@link TimedTransitions}'s decision, from its data.
 */
@ApplicationScoped
public class BiddingDeadlines {

    private static final Logger LOG = Logger.getLogger(BiddingDeadlines.class);
    private static final int BATCH = 100;

    @Inject
    EntityManager em;

    @Inject
    Tenders tenders;

    @Inject
    Clock clock;

    @Scheduled(identity = "bidding-deadlines", every = "${tenderhall.tender.deadline-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            int closed = closeDue();
            if (closed > 0) {
                LOG.infof("Bidding closed for %d tender(s) at their deadline", closed);
            }
        } catch (RuntimeException e) {
            // The next run retries: nothing was committed. (At shutdown the database may stop before the scheduler.)
            LOG.warnf("Closing bidding at the deadlines failed; the next run retries: %s", e.toString());
        }
    }

    /** Closes bidding for the tenders whose deadline has come; returns how many this call closed. */
    @Transactional
    public int closeDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Tender> candidates = em.createNativeQuery("select * from tender where status = 'PUBLISHED'"
                + " and bid_deadline <= :now order by bid_deadline limit " + BATCH + " for update skip locked", Tender.class)
                .setParameter("now", now).getResultList();
        int closed = 0;
        for (Tender tender : candidates) {
            if (TimedTransitions.due(tender.status(), tender.bidDeadline, tender.openingTime, now).orElse(null)
                    != TenderTransition.CLOSE_BIDDING) {
                continue;
            }
            tenders.closeBidding(Actor.system(new OrgCode(tender.agentOrganisation)), tender.id, now);
            closed++;
        }
        return closed;
    }
}
