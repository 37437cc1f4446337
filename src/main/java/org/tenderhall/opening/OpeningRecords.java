package org.tenderhall.opening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.identity.OrganisationService;
import org.tenderhall.kernel.Actor;
import org.tenderhall.opening.domain.OpeningRecord;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.template.TemplateCatalogue;
import org.tenderhall.tender.Registrations;
import org.tenderhall.tender.TendersAtOpening;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;
import org.tenderhall.tender.domain.TenderStatus;

/**
 * Who watches an opening and what they read: the tender's agents, the supervisors and the registered bidders
 * (the opening hall, 开标大厅); nobody else, and nobody before the opening has started.
 */
@ApplicationScoped
public class OpeningRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final ProblemType TENDER_FAILED =
            new ProblemType("tender-failed", "The tender failed: too few bids to open", 409);

    @Inject
    EntityManager em;

    @Inject
    OpeningLines lines;

    @Inject
    Registrations registrations;

    @Inject
    TemplateCatalogue templates;

    @Inject
    TendersAtOpening tenders;

    @Inject
    OpeningCertificates certificates;

    @Inject
    OpeningResponses responses;

    @Inject
    BidSubmissions bids;

    @Inject
    OrganisationService organisations;

    /** The opening an agent's start began, or the refusal that the tender failed instead. */
    public Opening started(OpeningStart start) {
        if (start instanceof OpeningStart.Started started) {
            return started.opening();
        }
        throw new Rejection(TENDER_FAILED, "Fewer than three valid bids were submitted: the tender failed (流标)"
                + " and the bids stay sealed");
    }

    /** The tender, for someone who may watch its opening (before it starts too: the hall opens early). */
    public OpeningTerms watcher(Actor actor, UUID tenderId) {
        OpeningTerms tender = tenders.openingTerms(tenderId)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No tender " + tenderId));
        if (!mayWatch(actor, tender)) {
            throw new Rejection(ProblemType.FORBIDDEN, "Only the tender's agents, supervisors and registered bidders"
                    + " watch its opening");
        }
        return tender;
    }

    /** A published tender, for anyone signed in (its custody plan is public, like its document). */
    public OpeningTerms visible(Actor actor, UUID tenderId) {
        return tenders.openingTerms(tenderId)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No tender " + tenderId));
    }

    /** The custody a published tender's opening key is in. */
    public org.tenderhall.openingkey.domain.Custody custodyOf(UUID tenderId) {
        return certificates.of(tenderId).map(OpeningCertificates.OpeningCertificate::custody)
                .orElse(org.tenderhall.openingkey.domain.Custody.SCHEDULED);
    }

    /** The opening's transport certificate (PEM), once the opening has started. */
    public String transportCertificate(Actor actor, UUID tenderId) {
        visible(actor, tenderId);
        Opening opening = opening(tenderId).orElseThrow(() -> new Rejection(OpeningProblems.NOT_STARTED,
                "The opening of this tender has not started: its transport certificate comes with it"));
        if (opening.transportCertificate == null) {
            throw new Rejection(OpeningProblems.CUSTODY, "An opening in the platform's scheduled custody takes no"
                    + " shares or keys: it has no transport certificate");
        }
        return opening.transportCertificate;
    }

    /** The opening, for someone who may watch it. */
    public Opening watched(Actor actor, UUID tenderId) {
        OpeningTerms tender = watcher(actor, tenderId);
        return opening(tenderId).orElseThrow(() -> tender.status() == TenderStatus.FAILED
                ? new Rejection(TENDER_FAILED, "The tender failed (流标); its bids were not opened")
                : new Rejection(OpeningProblems.NOT_STARTED, "The bids of this tender open at " + tender.openingTime()
                        + "; nothing of them can be read before"));
    }

    public OpeningRecord record(Actor actor, UUID tenderId) {
        return of(watched(actor, tenderId));
    }

    /** The signed PDF of the complete record. */
    public byte[] pdf(Actor actor, UUID tenderId) {
        Opening opening = watched(actor, tenderId);
        if (opening.recordPdf == null) {
            throw new Rejection(OpeningProblems.NOT_RECORDED, "The opening record is not complete yet; its document"
                    + " is made when every bid has its line");
        }
        return opening.recordPdf;
    }

    /** The record as it stands, for whoever the caller has checked may read it. */
    OpeningRecord of(Opening opening) {
        UUID tenderId = opening.tenderId;
        OpeningTerms tender = tenders.openingTerms(tenderId).orElseThrow();
        Map<UUID, BidSubmissions.ValidBid> bidOf = new HashMap<>();
        Map<String, String> nameOf = new HashMap<>();
        for (BidSubmissions.ValidBid bid : bids.valid(tenderId)) {
            bidOf.put(bid.id(), bid);
            nameOf.put(bid.organisation(), organisations.name(bid.organisation()).orElse(bid.organisation()));
        }
        List<OpeningRecord.Line> lines = new ArrayList<>();
        for (OpeningLine l : this.lines.of(tenderId)) {
            BidSubmissions.ValidBid bid = bidOf.get(l.bidId);
            lines.add(new OpeningRecord.Line(lines.size() + 1, l.bidId, bid.organisation(),
                    nameOf.get(bid.organisation()), bid.lot(), bid.receivedAt(), l.outcome, l.reason,
                    l.price == null ? null : l.price.toPlainString(), json(l.declared), json(l.problems), "NOT_CHECKED",
                    l.packageSha256, l.packageSize));
        }
        List<OpeningRecord.Reply> replies = responses.of(tenderId).stream().map(r -> new OpeningRecord.Reply(r.id,
                r.organisation, nameOf.getOrDefault(r.organisation, r.organisation),
                OpeningRecord.ReplyKind.valueOf(r.kind.name()), r.text, r.respondedAt, r.answer, r.answeredAt)).toList();
        return new OpeningRecord(tenderId, tender.projectName(), opening.custody,
                OpeningRecord.Stage.valueOf(opening.state.name()), opening.bids, opening.startedAt, opening.recordedAt,
                opening.objectionsUntil, templates.get(tender.templateCode()).manifest().stream()
                        .map(f -> new OpeningRecord.Column(f.name(), f.label())).toList(), lines, replies);
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Opening> opening(UUID tenderId) {
        return Optional.ofNullable(em.find(Opening.class, tenderId));
    }

    private boolean mayWatch(Actor actor, OpeningTerms tender) {
        return switch (actor.role()) {
            case AGENT -> actor.organisation().value().equals(tender.agentOrganisation());
            case SUPERVISOR -> true;
            case BIDDER -> registrations.registered(actor.organisation().value(), tender.id());
            default -> false;
        };
    }
}
