package org.tenderhall.tender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.OpeningCertificates.OpeningCertificate;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.publication.Notice;
import org.tenderhall.publication.Notices;
import org.tenderhall.template.DocumentBodies;
import org.tenderhall.template.domain.CommonFields;
import org.tenderhall.template.domain.DisplayValue;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.template.domain.Template;
import org.tenderhall.tender.domain.AmendmentRule;
import org.tenderhall.tender.domain.TenderRules;
import org.tenderhall.tender.store.DocumentVersion;
import org.tenderhall.tender.store.Tender;
import org.tenderhall.tender.store.TenderDocument;

/**
 * Amendments (澄清/修改) of a published tender: changed field values and a summary make a new, signed version of
 * the document that lists every amendment so far. An amendment that affects the preparation of bids, issued less
 * than 15 days before the deadline, moves the deadline and the opening so that 15 days remain. The deadline never
 * moves earlier. Registered bidders find the amendment among their messages.
 */
@ApplicationScoped
public class Amendments {

    @Inject
    Tenders tenders;

    @Inject
    TenderDocuments documents;

    @Inject
    OpeningCertificates openingCertificates;

    @Inject
    Notices notices;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Time the opening certificate must still be valid after the opening, for the opening and its record. */
    static final Duration OPENING_CERTIFICATE_RESERVE = Duration.ofDays(180);

    /** The outcome: the new document version and whether the 15-day rule moved the deadline. */
    public record Amended(Tender tender, TenderDocument document, boolean deadlineMoved) {
    }

    @Transactional
    public Amended amend(Actor agent, UUID id, String summary, boolean affectsBidPreparation, JsonNode changes) {
        Tender tender = tenders.ownLocked(agent, id);
        Instant now = clock.instant();
        Tenders.requireBiddingOpen(tender, now, "A tender is amended");
        Template template = tenders.template(tender);
        ObjectNode before = (ObjectNode) tenders.values(tender);
        ObjectNode after = merged(before, changes);
        FieldValues.Checked previous = TenderRules.check(template, before, tender.publishedAt);
        FieldValues.Checked checked = Tenders.checked(template, after, tender.publishedAt);
        Instant asked = (Instant) checked.values().get(CommonFields.BID_DEADLINE);
        if (asked.isBefore(tender.bidDeadline)) {
            throw new Rejection(TenderProblems.RULES_VIOLATED, "An amendment may postpone the deadline, never advance it",
                    List.of(new FieldError("values." + CommonFields.BID_DEADLINE,
                            "must not be before the current deadline " + tender.bidDeadline)));
        }
        Instant deadline = AmendmentRule.deadlineAfter(now, asked, affectsBidPreparation);
        boolean moved = !deadline.equals(asked);
        if (moved) {
            String text = OffsetDateTime.ofInstant(deadline, DisplayValue.BEIJING).toString();
            after.put(CommonFields.BID_DEADLINE, text);
            after.put(CommonFields.OPENING_TIME, text);
            checked = Tenders.checked(template, after, tender.publishedAt);
        }
        OpeningCertificate key = openingCertificates.of(id).orElseThrow();
        if (deadline.plus(OPENING_CERTIFICATE_RESERVE).isAfter(key.notAfter())) {
            throw new Rejection(TenderProblems.RULES_VIOLATED, "The opening would come too close to the end of the"
                    + " opening certificate's validity", List.of(new FieldError("values." + CommonFields.BID_DEADLINE,
                            "must be at least 180 days before " + key.notAfter() + ", when the opening certificate"
                            + " expires")));
        }
        List<DocumentBodies.Change> changed = changes(template, previous.values(), checked.values());
        List<DocumentVersion> versions = tenders.versions(id);
        int version = versions.size() + 1;
        List<DocumentBodies.Amendment> amendments = new ArrayList<>();
        for (DocumentVersion earlier : versions.subList(1, versions.size())) {
            amendments.add(new DocumentBodies.Amendment(earlier.version() - 1, earlier.issuedAt(), earlier.summary(),
                    readChanges(earlier.changes())));
        }
        amendments.add(new DocumentBodies.Amendment(version - 1, now, summary.strip(), changed));
        tenders.fill(tender, after, checked, now);
        DocumentBodies.Issue issue = new DocumentBodies.Issue(id.toString(), version, now, false, key.sha256(),
                amendments);
        byte[] pdf = documents.signed(template, after, checked.values(), issue);
        TenderDocument document = tenders.store(id, version, now, pdf, summary.strip(), write(changed));
        notices.post(id, Notice.Kind.TENDER_AMENDED, "澄清/修改（第 " + (version - 1) + " 号）：" + tender.projectName, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documentVersion", version);
        data.put("documentSha256", document.sha256);
        data.put("summary", summary.strip());
        data.put("affectsBidPreparation", affectsBidPreparation);
        data.put("bidDeadline", tender.bidDeadline.toString());
        data.put("openingTime", tender.openingTime.toString());
        data.put("deadlineMovedBy15DayRule", moved);
        audit.record(agent, "TenderAmended", Tenders.subject(id), data);
        return new Amended(tender, document, moved);
    }

    private static ObjectNode merged(ObjectNode before, JsonNode changes) {
        ObjectNode after = before.deepCopy();
        if (changes == null || changes.isNull()) {
            return after;
        }
        if (!changes.isObject()) {
            throw new Rejection(TenderProblems.RULES_VIOLATED, "The changes are an object of field values",
                    List.of(new FieldError("values", "must be an object of the changed field values")));
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = changes.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                after.remove(field.getKey());
            } else {
                after.set(field.getKey(), field.getValue());
            }
        }
        return after;
    }

    private static List<DocumentBodies.Change> changes(Template template, Map<String, Object> before,
            Map<String, Object> after) {
        List<DocumentBodies.Change> changes = new ArrayList<>();
        for (FieldSpec field : template.fields()) {
            String was = DisplayValue.of(field.type(), before.get(field.name()));
            String is = DisplayValue.of(field.type(), after.get(field.name()));
            if (!was.equals(is)) {
                changes.add(new DocumentBodies.Change(field.label(), was, is));
            }
        }
        return changes;
    }

    private String write(List<DocumentBodies.Change> changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DocumentBodies.Change> readChanges(String changes) {
        try {
            return changes == null ? List.of() : json.readValue(changes, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
