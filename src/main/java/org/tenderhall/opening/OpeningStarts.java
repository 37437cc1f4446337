package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;
import org.tenderhall.opening.domain.OpeningRules;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.publication.Notice;
import org.tenderhall.publication.Notices;
import org.tenderhall.tender.TendersAtOpening;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.domain.TenderTransition;
import org.tenderhall.tender.domain.TimedTransitions;

/**
 * Starting the opening (开标) at the opening time, by the scheduler or at an agent's request, and the rule of three:
 * a tender with fewer than three valid bids fails (流标) instead, and its bids stay sealed. Safe with several
 * instances: the scheduler takes each tender with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class OpeningStarts {

    private static final int BATCH = 100;

    /** Bidder decrypts: how long bidders have to hand in their content keys once the opening starts. */
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
    BidSubmissions bids;

    @Inject
    OpeningCertificates certificates;

    @Inject
    CustodyPlans plans;

    @Inject
    OpeningHall hall;

    /** Starts the openings whose time has come, or fails their tenders; returns how many tenders it moved. */
    @Transactional
    public int startDue() {
        Instant now = clock.instant();
        int moved = 0;
        for (OpeningTerms tender : tenders.dueForOpeningLocked(now, BATCH)) {
            Actor system = Actor.system(new OrgCode(tender.agentOrganisation()));
            TenderStatus status = tender.status();
            if (TimedTransitions.due(status, tender.bidDeadline(), tender.openingTime(), now).orElse(null)
                    == TenderTransition.CLOSE_BIDDING) { // the deadline scheduler has not run yet
                tenders.closeBidding(system, tender.id(), now);
                status = TenderStatus.BIDDING_CLOSED;
            }
            if (TimedTransitions.due(status, tender.bidDeadline(), tender.openingTime(), now).orElse(null)
                    == TenderTransition.START_OPENING) {
                start(tender, now, system);
                moved++;
            }
        }
        return moved;
    }

    /**
     * An agent's request to open now rather than at the scheduler's next run. Before the opening time it is
     * refused and recorded, whoever asks; after it, only the tender's own agents may ask. An opening already
     * started is returned as it is.
     */
    @Transactional(dontRollbackOn = Rejection.class)
    public OpeningStart open(Actor actor, UUID tenderId) {
        OpeningTerms tender = tenders.openingTermsLocked(tenderId)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No tender " + tenderId));
        Instant now = clock.instant();
        if (!OpeningRules.due(tender.openingTime(), now)) {
            throw audit.refused(actor, "OpeningRefused", TendersAtOpening.subject(tenderId),
                    Map.of("problem", OpeningProblems.NOT_DUE.slug(), "reason", "before the opening time",
                            "openingTime", tender.openingTime().toString(), "at", now.toString()),
                    new Rejection(OpeningProblems.NOT_DUE, "The bids of this tender open at " + tender.openingTime()
                            + ", not before; the attempt is recorded"));
        }
        if (actor.role() != Role.AGENT || !actor.organisation().value().equals(tender.agentOrganisation())) {
            throw new Rejection(ProblemType.FORBIDDEN, "Only the tender's agents start its opening");
        }
        Opening existing = em.find(Opening.class, tenderId);
        if (existing != null) {
            return new OpeningStart.Started(existing);
        }
        TenderStatus status = tender.status();
        if (status == TenderStatus.PUBLISHED) { // the deadline has passed; the scheduler has not run yet
            tenders.closeBidding(actor, tenderId, now);
            status = TenderStatus.BIDDING_CLOSED;
        }
        if (status != TenderStatus.BIDDING_CLOSED) {
            throw new Rejection(OpeningProblems.NOT_STARTED, "A tender that is "
                    + status.name().toLowerCase().replace('_', ' ') + " has no opening");
        }
        return start(tender, now, actor);
    }

    /** Fails the tender with too few valid bids, or starts its opening; in the caller's transaction. */
    private OpeningStart start(OpeningTerms tender, Instant now, Actor actor) {
        long valid = bids.valid(tender.id()).size();
        if (OpeningRules.tooFewBids(valid)) {
            String reason = "Fewer than " + OpeningRules.MINIMUM_BIDS + " valid bids at the deadline (" + valid + ")";
            tenders.fail(actor, tender.id(), reason, Map.of("validBids", valid), now);
            notices.post(tender.id(), Notice.Kind.TENDER_FAILED, "流标公告：" + tender.projectName(), now);
            hall.event(tender.id(), "tender-failed", Map.of("reason", reason, "validBids", valid), now);
            return new OpeningStart.TenderFailed(valid, reason);
        }
        tenders.startOpening(tender.id(), now);
        Opening opening = new Opening();
        opening.tenderId = tender.id();
        opening.custody = certificates.of(tender.id()).orElseThrow().custody();
        opening.state = Opening.State.DECRYPTING;
        opening.bids = (int) valid;
        opening.startedAt = now;
        Map<String, Object> started = new LinkedHashMap<>(Map.of("bids", valid, "custody", opening.custody.name()));
        if (opening.custody != Custody.SCHEDULED) { // what shares (or keys) are handed in encrypted to
            OpeningCertificates.Transport transport = certificates.issueTransport(tender.id(),
                    now.plus(Duration.ofDays(30)));
            opening.transportCertificate = transport.certificatePem();
            opening.transportKey = transport.wrappedKey();
        }
        if (opening.custody == Custody.BIDDER_DECRYPTS) {
            opening.decryptionUntil = now.plus(config.decryptionWindow());
            started.put("decryptionUntil", opening.decryptionUntil.toString());
        }
        if (opening.custody == Custody.DUAL_CONTROL) {
            started.put("threshold", certificates.wrappedKey(tender.id()).orElseThrow().threshold());
            started.put("custodians", plans.custodiansOf(tender.id()).stream().map(c -> c.account()).toList());
        }
        em.persist(opening);
        audit.record(actor, "OpeningStarted", TendersAtOpening.subject(tender.id()),
                Map.of("validBids", valid, "custody", opening.custody.name(), "at", now.toString()));
        hall.event(tender.id(), "opening-started", started, now);
        return new OpeningStart.Started(opening);
    }
}
