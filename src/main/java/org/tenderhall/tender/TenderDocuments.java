package org.tenderhall.tender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.tenderhall.document.PlatformDocuments;
import org.tenderhall.template.DocumentBodies;
import org.tenderhall.template.TemplateCatalogue;
import org.tenderhall.template.domain.Template;

/**
 * A tender's document as a PDF/A-3b: the template's body filled with the values, the machine-readable tender
 * attached as {@code tender.json}; published versions signed by the platform (PAdES with an RFC 3161 timestamp
 * from the platform TSA), previews of drafts not.
 */
@ApplicationScoped
public class TenderDocuments {

    public static final String ATTACHMENT = "tender.json";

    @Inject
    TemplateCatalogue templates;

    @Inject
    PlatformDocuments documents;

    @Inject
    ObjectMapper json;

    /** An unsigned document marked as a preview. */
    public byte[] preview(Template template, JsonNode values, Map<String, Object> typed, DocumentBodies.Issue issue) {
        return render(template, values, typed, issue);
    }

    /** The document of a published version, signed and timestamped by the platform. */
    public byte[] signed(Template template, JsonNode values, Map<String, Object> typed, DocumentBodies.Issue issue) {
        byte[] pdf = render(template, values, typed, issue);
        try {
            return documents.sign(pdf, issue.issuedAt(), "招标文件第 " + issue.version() + " 版 / tender document version " + issue.version());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot sign the document of tender " + issue.tenderId(), e);
        }
    }

    private byte[] render(Template template, JsonNode values, Map<String, Object> typed, DocumentBodies.Issue issue) {
        String xhtml = templates.bodies().xhtml(template, typed, issue);
        try {
            return documents.render(xhtml, ATTACHMENT, machineReadable(template, values, issue));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot render the document of tender " + issue.tenderId(), e);
        }
    }

    /** The tender as data, attached inside the PDF: what a machine needs to read the document. */
    private byte[] machineReadable(Template template, JsonNode values, DocumentBodies.Issue issue) throws IOException {
        ObjectNode tender = json.createObjectNode();
        tender.put("tenderId", issue.tenderId());
        tender.put("documentVersion", issue.version());
        tender.put("issuedAt", issue.issuedAt().toString());
        tender.put("draft", issue.draft());
        tender.putObject("template").put("code", template.code()).put("version", template.version());
        tender.set("values", values);
        tender.set("evaluation", json.valueToTree(template.evaluation()));
        tender.set("manifest", json.valueToTree(template.manifest()));
        tender.put("openingCertificateSha256", issue.openingCertificateSha256());
        tender.set("amendments", json.valueToTree(issue.amendments()));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(tender).getBytes(StandardCharsets.UTF_8);
    }
}
