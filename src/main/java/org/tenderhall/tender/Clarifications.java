package org.tenderhall.tender;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.publication.Notice;
import org.tenderhall.publication.Notices;
import org.tenderhall.tender.store.Clarification;
import org.tenderhall.tender.store.Tender;

/**
 * Clarification questions (答疑): a registered bidder asks before the deadline, the tender's agent answers, and
 * question and answer become public, without who asked. Registered bidders see the answer among their messages.
 */
@ApplicationScoped
public class Clarifications {

    @Inject
    Tenders tenders;

    @Inject
    Registrations registrations;

    @Inject
    Notices notices;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public Clarification ask(Actor bidder, UUID tenderId, String question) {
        Tender tender = tenders.visible(bidder, tenderId);
        Tenders.requireBiddingOpen(tender, clock.instant(), "Questions are taken");
        if (registrations.of(bidder.organisation().value(), tenderId).isEmpty()) {
            throw new Rejection(TenderProblems.NOT_REGISTERED, "Register for the tender (download its documents)"
                    + " before asking about them");
        }
        Clarification clarification = new Clarification();
        clarification.id = UUID.randomUUID();
        clarification.tenderId = tenderId;
        clarification.askedBy = bidder.organisation().value();
        clarification.question = question.strip();
        clarification.askedAt = clock.instant();
        em.persist(clarification);
        audit.record(bidder, "ClarificationAsked", Tenders.subject(tenderId),
                Map.of("clarification", clarification.id.toString(), "question", clarification.question));
        return clarification;
    }

    @Transactional
    public Clarification answer(Actor agent, UUID tenderId, UUID clarificationId, String answer) {
        Tender tender = tenders.ownLocked(agent, tenderId);
        Clarification clarification = em.find(Clarification.class, clarificationId, LockModeType.PESSIMISTIC_WRITE);
        if (clarification == null || !clarification.tenderId.equals(tenderId)) {
            throw new Rejection(ProblemType.NOT_FOUND, "Tender " + tenderId + " has no question " + clarificationId);
        }
        if (clarification.answer != null) {
            throw new Rejection(TenderProblems.WRONG_STATUS, "The question was answered at " + clarification.answeredAt
                    + "; a further answer is an amendment or a new clarification");
        }
        Instant now = clock.instant();
        clarification.answer = answer.strip();
        clarification.answeredAt = now;
        notices.post(tenderId, Notice.Kind.CLARIFICATION_ANSWERED, "答疑：" + tender.projectName, now);
        audit.record(agent, "ClarificationAnswered", Tenders.subject(tenderId),
                Map.of("clarification", clarificationId.toString(), "answer", clarification.answer));
        return clarification;
    }

    /** The answered questions, for anyone; the tender's own agents also see those still open. */
    public List<Clarification> of(Actor caller, UUID tenderId) {
        Tender tender = tenders.visible(caller, tenderId);
        boolean own = Tenders.isOwnAgent(caller, tender);
        return em.createQuery("from Clarification c where c.tenderId = :id and (:all = true or c.answer is not null)"
                + " order by c.askedAt", Clarification.class)
                .setParameter("id", tenderId).setParameter("all", own).getResultList();
    }
}
