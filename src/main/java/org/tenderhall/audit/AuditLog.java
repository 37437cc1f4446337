package org.tenderhall.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tenderhall.kernel.Actor;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.platform.web.RequestIds;

/**
 * Records the audit event of a state-changing command. It must be called inside the command's transaction
 * (it refuses to run outside one), so the event and the change commit or roll back together. The event is numbered
 * after that commit ({@link AuditSequencer}): recording takes no lock, and reading numbers what has committed first. Refusals are
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

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AuditSequencer sequencer;

    /**
     * Appends one event.
     *
     * @param action  what happened, in the past tense ({@code OrganisationRegistered})
     * @param subject what it happened to ({@code organisation:91350100M000100Y43})
     * @param data    the command's essential data; its canonical JSON is stored and hashed. No secrets.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(Actor actor, String action, String subject, Object data) {
        return append(actor.username(), actor.role().id(), actor.organisation().value(), action, subject,
                RequestIds.current(), data);
    }

    /**
     * Appends the event of a refusal that its command describes itself (in a transaction of its own, as the
     * command's may roll back: {@link #refused} opens one), and tells the {@link RefusalTrail} that this request's
     * refusal is on record.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry recordRefusal(Actor actor, String action, String subject, Object data) {
        AuditEntry entry = record(actor, action, subject, data);
        RefusalTrail.alreadyRecorded(RequestIds.context());
        return entry;
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

    /**
     * Appends one event with its fields as given: for a refusal, the actor may be a name nobody signed in as. It is
     * written as an entry without a number; the {@link AuditSequencer} numbers it once the transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    AuditEntry append(String actor, String role, String organisation, String action, String subject, String requestId,
            Object data) {
        AuditEntry entry = new AuditEntry();
        entry.recordedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        entry.actor = actor;
        entry.role = role;
        entry.organisation = organisation;
        entry.action = action;
        entry.subject = subject;
        entry.requestId = requestId;
        entry.data = CanonicalJson.of(json.valueToTree(data));
        entry.dataSha256 = AuditLeaf.sha256Hex(entry.data);
        em.persist(entry);
        if (transactions.getResource(AuditSequencer.class) == null) {
            transactions.putResource(AuditSequencer.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        sequencer.soon();
                    }
                }
            });
        }
        return entry;
    }

    /** The trail of one subject ({@code organisation:...}, later {@code tender:...}), in log order. */
    public List<AuditEvent> forSubject(String subject) {
        sequencer.numberCommitted();
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from AuditEvent where subject = :subject order by seq", AuditEvent.class)
                .setParameter("subject", subject)
                .getResultList());
    }

    /** The events one request left (a refusal names its request id), in log order. */
    public List<AuditEvent> forRequest(String requestId) {
        sequencer.numberCommitted();
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from AuditEvent where requestId = :request"
                + " order by seq", AuditEvent.class).setParameter("request", requestId).getResultList());
    }

    /** Events in log order, from {@code fromSeq}, at most {@code limit}: every event committed before the call. */
    public List<AuditEvent> read(long fromSeq, int limit) {
        sequencer.numberCommitted();
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from AuditEvent where seq >= :from order by seq", AuditEvent.class)
                .setParameter("from", fromSeq)
                .setMaxResults(limit)
                .getResultList());
    }
}
