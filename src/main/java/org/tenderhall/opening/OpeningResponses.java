package org.tenderhall.opening;

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
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.Role;
import org.tenderhall.opening.domain.OpeningRules;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningResponse;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.tender.TendersAtOpening;

/**
 * After the opening record is complete, each bidder whose bid was opened confirms it or objects (异议), once,
 * within the objection window; the agent answers each objection on the record. A refused response is recorded in
 * the audit log and changes nothing.
 */
@ApplicationScoped
public class OpeningResponses {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    OpeningRecords records;

    @Inject
    BidSubmissions bids;

    @Transactional(dontRollbackOn = Rejection.class)
    public OpeningResponse confirm(Actor bidder, UUID tenderId) {
        return respond(bidder, tenderId, OpeningResponse.Kind.CONFIRMED, null);
    }

    @Transactional(dontRollbackOn = Rejection.class)
    public OpeningResponse object(Actor bidder, UUID tenderId, String text) {
        return respond(bidder, tenderId, OpeningResponse.Kind.OBJECTED, text);
    }

    private OpeningResponse respond(Actor bidder, UUID tenderId, OpeningResponse.Kind kind, String text) {
        records.watched(bidder, tenderId);
        Opening opening = em.find(Opening.class, tenderId, LockModeType.PESSIMISTIC_WRITE); // one response at a time
        Instant now = clock.instant();
        String organisation = bidder.organisation().value();
        if (opening.state != Opening.State.RECORDED) {
            throw refused(bidder, tenderId, kind, OpeningProblems.NOT_RECORDED, "The opening record is not complete"
                    + " yet: confirm it or object once every bid has its line");
        }
        if (!OpeningRules.objectionWindowOpen(opening.objectionsUntil, now)) {
            throw refused(bidder, tenderId, kind, OpeningProblems.WINDOW_CLOSED, "Responses to the opening record"
                    + " were taken until " + opening.objectionsUntil);
        }
        if (bids.valid(tenderId).stream().noneMatch(b -> b.organisation().equals(organisation))) {
            throw refused(bidder, tenderId, kind, OpeningProblems.NOT_A_BIDDER, "Your organisation has no bid in"
                    + " this opening");
        }
        if (!em.createQuery("from OpeningResponse r where r.tenderId = :t and r.organisation = :org",
                OpeningResponse.class).setParameter("t", tenderId).setParameter("org", organisation)
                .getResultList().isEmpty()) {
            throw refused(bidder, tenderId, kind, OpeningProblems.ALREADY_RESPONDED, "Your organisation has already"
                    + " responded to this opening record; an objection is answered by the agent");
        }
        OpeningResponse response = new OpeningResponse();
        response.id = UUID.randomUUID();
        response.tenderId = tenderId;
        response.organisation = organisation;
        response.kind = kind;
        response.text = text;
        response.respondedBy = bidder.username();
        response.respondedAt = now;
        em.persist(response);
        audit.record(bidder, kind == OpeningResponse.Kind.CONFIRMED ? "OpeningRecordConfirmed" : "OpeningRecordObjected",
                TendersAtOpening.subject(tenderId), text == null ? Map.of("response", response.id.toString())
                        : Map.of("response", response.id.toString(), "objection", text));
        return response;
    }

    private Rejection refused(Actor bidder, UUID tenderId, OpeningResponse.Kind kind, ProblemType problem,
            String detail) {
        return audit.refused(bidder, "OpeningResponseRefused", TendersAtOpening.subject(tenderId),
                Map.of("kind", kind.name(), "problem", problem.slug()), new Rejection(problem, detail));
    }

    /** The agent's answer to an objection, on the record. */
    @Transactional
    public OpeningResponse answer(Actor agent, UUID tenderId, UUID objectionId, String answer) {
        TendersAtOpening.OpeningTerms tender = records.watcher(agent, tenderId);
        if (agent.role() != Role.AGENT || !agent.organisation().value().equals(tender.agentOrganisation())) {
            throw new Rejection(ProblemType.FORBIDDEN, "Only the tender's agents answer objections");
        }
        OpeningResponse objection = em.find(OpeningResponse.class, objectionId, LockModeType.PESSIMISTIC_WRITE);
        if (objection == null || !objection.tenderId.equals(tenderId) || objection.kind != OpeningResponse.Kind.OBJECTED) {
            throw new Rejection(ProblemType.NOT_FOUND, "No objection " + objectionId + " to this opening");
        }
        if (objection.answer != null) {
            throw new Rejection(OpeningProblems.ALREADY_ANSWERED, "The objection was answered at " + objection.answeredAt);
        }
        objection.answer = answer;
        objection.answeredBy = agent.username();
        objection.answeredAt = clock.instant();
        audit.record(agent, "ObjectionAnswered", TendersAtOpening.subject(tenderId),
                Map.of("response", objectionId.toString(), "answer", answer));
        return objection;
    }

    public List<OpeningResponse> of(UUID tenderId) {
        return em.createQuery("from OpeningResponse r where r.tenderId = :t order by r.respondedAt", OpeningResponse.class)
                .setParameter("t", tenderId).getResultList();
    }
}
