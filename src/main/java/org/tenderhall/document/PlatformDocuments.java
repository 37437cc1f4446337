package org.tenderhall.document;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.seal.Signer;
import org.tenderhall.timestamp.PlatformTimestamps;

/**
 * The platform's documents (tender documents, opening records): rendered as PDF/A-3b in the configured font, and
 * signed by the platform with PAdES and an RFC 3161 timestamp from the platform TSA.
 */
@ApplicationScoped
public class PlatformDocuments {

    /** A TrueType font (.ttf) or collection (.ttc) to set documents in instead of the bundled one. */
    @ConfigProperty(name = "tenderhall.document.font")
    Optional<Path> fontFile;

    /** For a collection: the PostScript name of the font to use. */
    @ConfigProperty(name = "tenderhall.document.font-name")
    Optional<String> fontName;

    @Inject
    PlatformKeys keys;

    @Inject
    PlatformTimestamps timestamps;

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

    /** XHTML to PDF/A-3b with {@code attachedJson} inside as {@code attachmentName}. */
    public byte[] render(String xhtml, String attachmentName, byte[] attachedJson) throws IOException {
        return PdfDocuments.render(font, xhtml, attachmentName, attachedJson);
    }

    /** The document signed by the platform at {@code signingTime}, for {@code reason}, and timestamped. */
    public byte[] sign(byte[] pdf, Instant signingTime, String reason) throws IOException {
        Signer signer = keys.documentSigner(Signer::fromPkcs12);
        return PadesSigner.sign(pdf, signer.key(), signer.chain(), timestamps::stamp, signingTime, reason);
    }
}
