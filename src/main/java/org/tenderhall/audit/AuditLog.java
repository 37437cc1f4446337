package org.tenderhall.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tenderhall.kernel.Actor;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.platform.web.RequestIds;

/**
 * Records the audit event of a state-changing command. It must be called inside the command's transaction
 * (it refuses to run outside one), so the event and the change commit or roll back together. Refusals are
 * recorded in transactions of their own: by {@link RefusalTrail}, or by {@link #refused} where the command says
 * more about its refusal.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /**
     * Appends one event.
     *
     * @param action  what happened, in the past tense ({@code OrganisationRegistered})
     * @param subject what it happened to ({@code organisation:91350100M000100Y43})
     * @param data    the command's essential data; its canonical JSON is stored and hashed. No secrets.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(Actor actor, String action, String subject, Object data) {
        return append(actor.username(), actor.role().id(), actor.organisation().value(), action, subject,
                RequestIds.current(), data);
    }

    /**
     * Appends the event of a refusal that its command describes itself (in a transaction of its own, as the
     * command's may roll back: {@link #refused} opens one), and tells the {@link RefusalTrail} that this request's
     * refusal is on record.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent recordRefusal(Actor actor, String action, String subject, Object data) {
        AuditEvent event = record(actor, action, subject, data);
        RefusalTrail.alreadyRecorded(RequestIds.context());
        return event;
    }

    /**
     * Records the refusal of a command that describes it itself, in a transaction of its own that commits whatever
     * becomes of the command's, and returns the rejection for the caller to throw:
     * {@code throw audit.refused(actor, "OpeningRefused", subject, data, new Rejection(problem, detail));}
     */
    public Rejection refused(Actor actor, String action, String subject, Object data, Rejection rejection) {
        QuarkusTransaction.requiringNew().run(() -> recordRefusal(actor, action, subject, data));
        return rejection;
    }

    /** Appends one event with its fields as given: for a refusal, the actor may be a name nobody signed in as. */
    @Transactional(Transactional.TxType.MANDATORY)
    AuditEvent append(String actor, String role, String organisation, String action, String subject, String requestId,
            Object data) {
        // The row lock on the head serialises appends until commit: gapless numbers in commit order.
        long seq = ((Number) em.createNativeQuery("update audit_log_head set size = size + 1 where id = 1 returning size")
                .getSingleResult()).longValue() - 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        AuditEvent event = new AuditEvent();
        event.seq = seq;
        event.recordedAt = now;
        event.actor = actor;
        event.role = role;
        event.organisation = organisation;
        event.action = action;
        event.subject = subject;
        event.requestId = requestId;
        event.data = CanonicalJson.of(json.valueToTree(data));
        event.dataSha256 = AuditLeaf.sha256Hex(event.data);
        event.canonical = AuditLeaf.canonicalEvent(seq, now, event.actor, event.role, event.organisation,
                action, subject, event.requestId, event.dataSha256);
        event.leafHash = AuditLeaf.leafHash(event.canonical);
        em.persist(event);
        return event;
    }

    /** The trail of one subject ({@code organisation:...}, later {@code tender:...}), in log order. */
    @Transactional
    public List<AuditEvent> forSubject(String subject) {
        return em.createQuery("from AuditEvent where subject = :subject order by seq", AuditEvent.class)
                .setParameter("subject", subject)
                .getResultList();
    }

    /** Events in log order, from {@code fromSeq}, at most {@code limit}. */
    @Transactional
    public List<AuditEvent> read(long fromSeq, int limit) {
        return em.createQuery("from AuditEvent where seq >= :from order by seq", AuditEvent.class)
                .setParameter("from", fromSeq)
                .setMaxResults(limit)
                .getResultList();
    }
}
