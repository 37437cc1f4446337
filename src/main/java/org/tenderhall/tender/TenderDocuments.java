package org.tenderhall.tender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.document.DocumentFont;
import org.tenderhall.document.PadesSigner;
import org.tenderhall.document.PdfDocuments;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.seal.Signer;
import org.tenderhall.template.DocumentBodies;
import org.tenderhall.template.TemplateCatalogue;
import org.tenderhall.template.domain.Template;
import org.tenderhall.timestamp.PlatformTimestamps;

/**
 * A tender's document as a PDF/A-3b: the template's body filled with the values, the machine-readable tender
 * attached as {@code tender.json}; published versions signed by the platform (PAdES with an RFC 3161 timestamp
 * from the platform TSA), previews of drafts not.
 */
@ApplicationScoped
public class TenderDocuments {

    public static final String ATTACHMENT = "tender.json";

    /** A TrueType font (.ttf) or collection (.ttc) to set documents in instead of the bundled one. */
    @ConfigProperty(name = "tenderhall.document.font")
    Optional<Path> fontFile;

    /** For a collection: the PostScript name of the font to use. */
    @ConfigProperty(name = "tenderhall.document.font-name")
    Optional<String> fontName;

    @Inject
    TemplateCatalogue templates;

    @Inject
    PlatformKeys keys;

    @Inject
    PlatformTimestamps timestamps;

    @Inject
    ObjectMapper json;

    private DocumentFont font;

    @PostConstruct
    void loadFont() {
        if (fontFile.isEmpty()) {
            font = DocumentFont.bundled();
            return;
        }
        try {
            font = DocumentFont.file(fontFile.get(), fontName.orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("tenderhall.document.font " + fontFile.get() + " is not a usable TrueType"
                    + " font: " + e.getMessage(), e);
        }
    }

    /** An unsigned document marked as a preview. */
    public byte[] preview(Template template, JsonNode values, Map<String, Object> typed, DocumentBodies.Issue issue) {
        return render(template, values, typed, issue);
    }

    /** The document of a published version, signed and timestamped by the platform. */
    public byte[] signed(Template template, JsonNode values, Map<String, Object> typed, DocumentBodies.Issue issue) {
        byte[] pdf = render(template, values, typed, issue);
        Signer signer = keys.documentSigner();
        try {
            return PadesSigner.sign(pdf, signer.key(), signer.chain(), timestamps::stamp, issue.issuedAt(),
                    "招标文件第 " + issue.version() + " 版 / tender document version " + issue.version());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot sign the document of tender " + issue.tenderId(), e);
        }
    }

    private byte[] render(Template template, JsonNode values, Map<String, Object> typed, DocumentBodies.Issue issue) {
        String xhtml = templates.bodies().xhtml(template, typed, issue);
        try {
            return PdfDocuments.render(font, xhtml, ATTACHMENT, machineReadable(template, values, issue));
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
