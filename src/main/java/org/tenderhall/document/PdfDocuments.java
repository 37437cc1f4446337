package org.tenderhall.document;

import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders XHTML to PDF/A-3b: the Chinese font embedded as a subset, an sRGB output intent, and a JSON file
 * attached inside as the document's machine-readable data ({@code AFRelationship /Data}, listed in the
 * catalog's {@code /AF}), so the published document and its data travel as one file.
 */
public final class PdfDocuments {

    /** The font family name a document's CSS uses for the {@link DocumentFont}, whichever font that is. */
    public static final String FONT_FAMILY = "Tenderhall Document";

    private static final DocumentFont BUNDLED = DocumentFont.bundled();

    private PdfDocuments() {
    }

    /** Renders in the bundled font. */
    public static byte[] render(String xhtml, String attachmentName, byte[] attachedJson) throws IOException {
        return render(BUNDLED, xhtml, attachmentName, attachedJson);
    }

    public static byte[] render(DocumentFont documentFont, String xhtml, String attachmentName, byte[] attachedJson)
            throws IOException {
        try (PDDocument document = new PDDocument(); TrueTypeFont font = documentFont.open()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B);
            builder.useColorProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, font, true)), FONT_FAMILY, 400,
                    com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            try (var renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
            }
            attach(document, attachmentName, attachedJson);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static void attach(PDDocument document, String name, byte[] json) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(document, new java.io.ByteArrayInputStream(json));
        file.setSubtype("application/json");
        file.setSize(json.length);
        Calendar now = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        file.setCreationDate(now);
        file.setModDate(now);
        PDComplexFileSpecification specification = new PDComplexFileSpecification();
        specification.setFile(name);
        specification.setFileUnicode(name);
        specification.setEmbeddedFile(file);
        specification.setEmbeddedFileUnicode(file);
        specification.setFileDescription("The machine-readable tender (JSON)");
        specification.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");

        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(java.util.Map.of(name, specification));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        document.getDocumentCatalog().setNames(names);
        COSArray associated = new COSArray();
        associated.add(specification);
        document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }
}
