package org.tenderhall.tender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.Role;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.OpeningCertificates.OpeningCertificate;
import org.tenderhall.platform.Hashes;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.publication.Notice;
import org.tenderhall.publication.Notices;
import org.tenderhall.template.DocumentBodies;
import org.tenderhall.template.TemplateCatalogue;
import org.tenderhall.template.domain.CommonFields;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.template.domain.Template;
import org.tenderhall.tender.domain.TenderRules;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.domain.TenderTransition;
import org.tenderhall.tender.store.DocumentVersion;
import org.tenderhall.tender.store.Tender;
import org.tenderhall.tender.store.TenderDocument;

/**
 * Tenders from draft to publication: drafting from a template, editing a draft, publishing (rules against the
 * clock, signed document, opening certificate), and reading a tender and its documents.
 */
@ApplicationScoped
public class Tenders implements TendersAtOpening {

    /** The opening certificate outlives the opening by this much, so that late steps can still check it. */
    static final Duration OPENING_CERTIFICATE_MARGIN = Duration.ofDays(365);

    @Inject
    TemplateCatalogue templates;

    @Inject
    TenderDocuments documents;

    @Inject
    OpeningCertificates openingCertificates;

    @Inject
    Notices notices;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Transactional
    public Tender draft(Actor agent, String templateCode, JsonNode values) {
        Template template = templates.get(templateCode);
        Instant now = clock.instant();
        FieldValues.Checked checked = checked(template, values, now);
        Tender tender = Tender.draft(UUID.randomUUID());
        tender.templateCode = template.code();
        tender.templateVersion = template.version();
        tender.agentOrganisation = agent.organisation().value();
        tender.createdBy = agent.username();
        tender.createdAt = now;
        fill(tender, values, checked, now);
        em.persist(tender);
        audit.record(agent, "TenderDrafted", subject(tender.id), Map.of("template", template.code(),
                "templateVersion", template.version(), "projectName", tender.projectName));
        return tender;
    }

    @Transactional
    public Tender edit(Actor agent, UUID id, JsonNode values) {
        Tender tender = ownLocked(agent, id);
        if (tender.status() != TenderStatus.DRAFT) {
            throw new Rejection(TenderProblems.NOT_A_DRAFT, "The tender is " + describe(tender.status())
                    + ": its documents change only by an amendment (POST /api/tenders/" + id + "/amendments)");
        }
        Instant now = clock.instant();
        fill(tender, values, checked(template(tender), values, now), now);
        audit.record(agent, "TenderDraftEdited", subject(id), Map.of("projectName", tender.projectName));
        return tender;
    }

    /**
     * Holds one of the agent's own drafts until the transaction ends, for a change that belongs to another
     * capability (the opening key's custody); refused like an edit otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockOwnDraft(Actor agent, UUID id) {
        Tender tender = ownLocked(agent, id);
        if (tender.status() != TenderStatus.DRAFT) {
            throw new Rejection(TenderProblems.NOT_A_DRAFT, "The tender is " + describe(tender.status())
                    + ": its opening key's custody was fixed at publication");
        }
    }

    @Transactional
    public Tender publish(Actor agent, UUID id) {
        Tender tender = ownLocked(agent, id);
        transition(tender, TenderTransition.PUBLISH);
        Template template = template(tender);
        Instant now = clock.instant();
        JsonNode values = values(tender);
        FieldValues.Checked checked = checked(template, values, now);
        tender.publishedAt = now;
        tender.updatedAt = now;
        OpeningCertificate key = openingCertificates.issue(id, tender.openingTime.plus(OPENING_CERTIFICATE_MARGIN),
                template.openingCustody());
        DocumentBodies.Issue issue = new DocumentBodies.Issue(id.toString(), 1, now, false, key.sha256(),
                List.of());
        TenderDocument document = store(id, 1, now, documents.signed(template, values, checked.values(), issue), null,
                null);
        notices.post(id, Notice.Kind.TENDER_PUBLISHED, "招标公告：" + tender.projectName, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documentVersion", 1);
        data.put("documentSha256", document.sha256);
        data.put("openingCertificateSha256", key.sha256());
        data.put("bidDeadline", tender.bidDeadline.toString());
        data.put("openingTime", tender.openingTime.toString());
        audit.record(agent, "TenderPublished", subject(id), data);
        return tender;
    }

    /** Cancels a tender (终止招标) before its award, with the reason; a published one gets a public notice. */
    @Transactional
    public Tender cancel(Actor agent, UUID id, String reason) {
        Tender tender = ownLocked(agent, id);
        TenderStatus was = tender.status();
        transition(tender, TenderTransition.CANCEL);
        Instant now = clock.instant();
        tender.cancellation = reason.strip();
        tender.updatedAt = now;
        if (was != TenderStatus.DRAFT) {
            notices.post(id, Notice.Kind.TENDER_CANCELLED, "终止招标：" + tender.projectName + "（" + tender.cancellation
                    + "）", now);
        }
        audit.record(agent, "TenderCancelled", subject(id), Map.of("reason", tender.cancellation, "from", was.name()));
        return tender;
    }

    /**
     * A tender as the caller may see it: one never published (a draft, or a draft cancelled) only by its own
     * agents, others get 404; a published one by anyone signed in.
     */
    public Tender visible(Actor caller, UUID id) {
        Tender tender = em.find(Tender.class, id);
        if (tender == null || tender.publishedAt == null && !isOwnAgent(caller, tender)) {
            throw notFound(id);
        }
        return tender;
    }

    /** What bid submission needs to know of a tender: its status and deadline. */
    public record BiddingTerms(UUID id, TenderStatus status, Instant bidDeadline) {
    }

    /** The bidding terms of a tender that has been published; empty for one never published or not existing. */
    public Optional<BiddingTerms> biddingTerms(UUID id) {
        return terms(em.find(Tender.class, id));
    }

    /** The same, holding the tender row shared until the transaction ends: bidding cannot close meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BiddingTerms> biddingTermsLocked(UUID id) {
        return terms(em.find(Tender.class, id, LockModeType.PESSIMISTIC_READ));
    }

    private static Optional<BiddingTerms> terms(Tender tender) {
        return tender == null || tender.publishedAt == null ? Optional.empty()
                : Optional.of(new BiddingTerms(tender.id, tender.status(), tender.bidDeadline));
    }

    @Override
    public Optional<OpeningTerms> openingTerms(UUID id) {
        return openingTerms(em.find(Tender.class, id));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OpeningTerms> openingTermsLocked(UUID id) {
        return openingTerms(em.find(Tender.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private static Optional<OpeningTerms> openingTerms(Tender tender) {
        return tender == null || tender.publishedAt == null ? Optional.empty() : Optional.of(openingTermsOf(tender));
    }

    private static OpeningTerms openingTermsOf(Tender t) {
        return new OpeningTerms(t.id, t.status(), t.agentOrganisation, t.projectName, t.templateCode, t.bidDeadline,
                t.openingTime);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OpeningTerms> dueForOpeningLocked(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Tender> due = em.createNativeQuery("select * from tender where status in ('PUBLISHED', 'BIDDING_CLOSED')"
                + " and opening_time <= :now order by opening_time limit " + limit + " for update skip locked", Tender.class)
                .setParameter("now", now).getResultList();
        return due.stream().map(Tenders::openingTermsOf).toList();
    }

    /** Closes bidding at the deadline (the scheduler, or the opening when it comes first). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeBidding(Actor actor, UUID id, Instant now) {
        Tender tender = em.find(Tender.class, id);
        tender.apply(TenderTransition.CLOSE_BIDDING);
        tender.updatedAt = now;
        audit.record(actor, "BiddingClosed", subject(id),
                Map.of("bidDeadline", tender.bidDeadline.toString(), "closedAt", now.toString()));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void startOpening(UUID id, Instant now) {
        Tender tender = em.find(Tender.class, id);
        tender.apply(TenderTransition.START_OPENING);
        tender.updatedAt = now;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void fail(Actor actor, UUID id, String reason, Map<String, ?> facts, Instant now) {
        Tender tender = em.find(Tender.class, id);
        tender.apply(TenderTransition.FAIL);
        tender.updatedAt = now;
        Map<String, Object> data = new java.util.LinkedHashMap<>(facts);
        data.put("reason", reason);
        audit.record(actor, "TenderFailed", subject(id), data);
    }

    public List<Tender> ownedBy(Actor agent) {
        return em.createQuery("from Tender t where t.agentOrganisation = :org order by t.createdAt desc", Tender.class)
                .setParameter("org", agent.organisation().value()).getResultList();
    }

    /** The published versions, oldest first, without their PDFs. */
    public List<DocumentVersion> versions(UUID id) {
        return em.createQuery("select new org.tenderhall.tender.store.DocumentVersion(d.tenderId, d.version,"
                + " d.issuedAt, d.sha256, d.summary, d.changes) from TenderDocument d where d.tenderId = :id"
                + " order by d.version", DocumentVersion.class).setParameter("id", id).getResultList();
    }

    /** One published version's signed PDF. */
    public Optional<byte[]> pdf(UUID id, int version) {
        TenderDocument.Key key = new TenderDocument.Key();
        key.tenderId = id;
        key.version = version;
        return Optional.ofNullable(em.find(TenderDocument.class, key)).map(d -> d.pdf);
    }

    /** The preview of a draft: rendered now, not signed, marked as a preview. */
    public byte[] preview(Tender tender) {
        Template template = template(tender);
        JsonNode values = values(tender);
        FieldValues.Checked checked = TenderRules.check(template, values, clock.instant());
        return documents.preview(template, values, checked.values(), new DocumentBodies.Issue(tender.id.toString(),
                1, clock.instant(), true, null, List.of()));
    }

    // --- shared with the other tender services ---------------------------------------------------------

    Tender ownLocked(Actor agent, UUID id) {
        Tender tender = em.find(Tender.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (tender == null) {
            throw notFound(id);
        }
        if (!isOwnAgent(agent, tender)) {
            if (tender.publishedAt == null) {
                throw notFound(id); // another organisation's drafts are not even known to exist
            }
            throw new Rejection(TenderProblems.OTHER_ORGANISATION, "Tender " + id + " is managed by another"
                    + " organisation; only its own agents may change it");
        }
        return tender;
    }

    /** Bidding (registration, questions, amendments) is open while published and before the deadline. */
    static void requireBiddingOpen(Tender tender, Instant now, String what) {
        if (tender.status() != TenderStatus.PUBLISHED) {
            throw new Rejection(TenderProblems.WRONG_STATUS, what + " only while the tender is published; it is "
                    + describe(tender.status()));
        }
        if (!now.isBefore(tender.bidDeadline)) {
            throw new Rejection(TenderProblems.DEADLINE_PASSED, what + " only before the bid deadline, "
                    + tender.bidDeadline + "; it has passed");
        }
    }

    static boolean isOwnAgent(Actor caller, Tender tender) {
        return caller.role() == Role.AGENT
                && caller.organisation().value().equals(tender.agentOrganisation);
    }

    Template template(Tender tender) {
        Template template = templates.get(tender.templateCode);
        if (template.version() != tender.templateVersion) {
            throw new Rejection(TenderProblems.TEMPLATE_RETIRED, "Tender " + tender.id + " was drafted from "
                    + tender.templateCode + " version " + tender.templateVersion + "; the platform now has version "
                    + template.version() + " only");
        }
        return template;
    }

    public JsonNode values(Tender tender) {
        try {
            return json.readTree(tender.values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tender " + tender.id + " has unreadable values", e);
        }
    }

    static FieldValues.Checked checked(Template template, JsonNode values, Instant publication) {
        FieldValues.Checked checked = TenderRules.check(template, values, publication);
        if (!checked.valid()) {
            throw new Rejection(TenderProblems.RULES_VIOLATED, checked.errors().size() == 1
                    ? "1 field breaks the template's rules" : checked.errors().size() + " fields break the template's rules",
                    checked.errors());
        }
        return checked;
    }

    void fill(Tender tender, JsonNode values, FieldValues.Checked checked, Instant now) {
        ObjectNode given = ((ObjectNode) values).deepCopy();
        tender.values = given.toString();
        tender.projectName = (String) checked.values().get(CommonFields.PROJECT_NAME);
        tender.bidDeadline = (Instant) checked.values().get(CommonFields.BID_DEADLINE);
        tender.openingTime = (Instant) checked.values().get(CommonFields.OPENING_TIME);
        tender.updatedAt = now;
    }

    TenderDocument store(UUID id, int version, Instant at, byte[] pdf, String summary, String changes) {
        TenderDocument document = new TenderDocument();
        document.tenderId = id;
        document.version = version;
        document.issuedAt = at;
        document.pdf = pdf;
        document.sha256 = Hashes.sha256Hex(pdf);
        document.summary = summary;
        document.changes = changes;
        em.persist(document);
        return document;
    }

    static void transition(Tender tender, TenderTransition transition) {
        try {
            tender.apply(transition);
        } catch (TenderTransition.IllegalTransition e) {
            throw new Rejection(TenderProblems.WRONG_STATUS, e.getMessage());
        }
    }

    static Rejection notFound(UUID id) {
        return new Rejection(ProblemType.NOT_FOUND, "There is no tender " + id + " that you can see");
    }

    public static String subject(UUID id) {
        return TendersAtOpening.subject(id);
    }

    static String describe(TenderStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

}
