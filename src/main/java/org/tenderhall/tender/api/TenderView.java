package org.tenderhall.tender.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.store.Tender;
import org.tenderhall.tender.store.DocumentVersion;

/** A tender as the API shows it, with links to its documents and, once published, its opening certificate. */
public record TenderView(UUID id, String template, int templateVersion, TenderStatus status, String agentOrganisation,
        String projectName, JsonNode values, Instant bidDeadline, Instant openingTime, Instant publishedAt,
        String cancellation, List<DocumentView> documents, String document, String openingCertificate) {

    /** A published version of the document: version 1 at publication, one more per amendment. */
    public record DocumentView(int version, Instant issuedAt, String sha256, String summary, String href) {
        static DocumentView of(DocumentVersion d) {
            return new DocumentView(d.version(), d.issuedAt(), d.sha256(), d.summary(),
                    "/api/tenders/" + d.tenderId() + "/documents/" + d.version() + ".pdf");
        }
    }

    static TenderView of(Tender t, JsonNode values, List<DocumentVersion> documents) {
        String base = "/api/tenders/" + t.id;
        return new TenderView(t.id, t.templateCode, t.templateVersion, t.status(), t.agentOrganisation, t.projectName,
                values, t.bidDeadline, t.openingTime, t.publishedAt, t.cancellation, documents.stream().map(DocumentView::of).toList(),
                base + "/document.pdf", t.publishedAt == null ? null : base + "/opening-certificate");
    }
}
