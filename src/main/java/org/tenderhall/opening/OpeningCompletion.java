package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.platform.Hashes;
import org.tenderhall.publication.Notice;
import org.tenderhall.publication.Notices;
import org.tenderhall.tender.TendersAtOpening;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;

/**
 * Completes the opening record once every valid bid has its line: the signed record document, its audit event,
 * the public notice, the hall's last event, and the start of the window for objections.
 */
@ApplicationScoped
class OpeningCompletion {

    @Inject
    OpeningConfig config;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Notices notices;

    @Inject
    Clock clock;

    @Inject
    TendersAtOpening tenders;

    @Inject
    OpeningRecords records;

    @Inject
    OpeningRecordDocument document;

    @Inject
    OpeningHall hall;

    /** Completes the record, in its own transaction, if every valid bid has its line; returns whether it is complete. */
    boolean complete(UUID tenderId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Opening opening = em.find(Opening.class, tenderId, LockModeType.PESSIMISTIC_WRITE);
            if (opening.state == Opening.State.RECORDED) {
                return true;
            }
            long lines = em.createQuery("select count(l) from OpeningLine l where l.tenderId = :t", Long.class)
                    .setParameter("t", tenderId).getSingleResult();
            if (lines < opening.bids) {
                return false;
            }
            Instant now = clock.instant();
            opening.state = Opening.State.RECORDED;
            opening.recordedAt = now;
            opening.objectionsUntil = now.plus(config.objectionWindow());
            OpeningTerms tender = tenders.openingTerms(tenderId).orElseThrow();
            Map<String, Object> outcomes = new LinkedHashMap<>();
            for (Object[] row : em.createQuery("select l.outcome, count(l) from OpeningLine l where l.tenderId = :t"
                    + " group by l.outcome", Object[].class).setParameter("t", tenderId).getResultList()) {
                outcomes.put(((Outcome) row[0]).name(), row[1]);
            }
            em.flush(); // the record document reads the state just set
            opening.recordPdf = document.signed(records.of(opening));
            opening.recordSha256 = Hashes.sha256Hex(opening.recordPdf);
            audit.record(Actor.system(new OrgCode(tender.agentOrganisation())), "OpeningRecorded",
                    TendersAtOpening.subject(tenderId), Map.of("lines", lines, "outcomes", outcomes,
                            "objectionsUntil", opening.objectionsUntil.toString(), "recordSha256", opening.recordSha256));
            notices.post(tenderId, Notice.Kind.OPENING_RECORDED, "开标记录：" + tender.projectName(), now);
            hall.event(tenderId, "record-complete", Map.of("lines", lines, "outcomes", outcomes,
                    "objectionsUntil", opening.objectionsUntil.toString()), now);
            return true;
        });
    }
}
