package org.tenderhall.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tenderhall.OutsideTools;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.ValidationResult;

/** A PDF as independent tools see it: poppler's pdftotext and pdfsig, and veraPDF. */
public final class PdfChecks {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfChecks() {
    }

    /** The text with its layout ({@code pdftotext -layout}). */
    public static String text(byte[] pdf) throws Exception {
        return run(pdf, true, "pdftotext", "-layout", "{}", "-");
    }

    /** The text in the order it is drawn ({@code pdftotext -raw}): a table cell's lines together. */
    public static String drawnText(byte[] pdf) throws Exception {
        return run(pdf, true, "pdftotext", "-raw", "{}", "-");
    }

    /** The text of each page in order: {@code pdftotext}'s output split at the form feed it ends every page with. */
    public static List<String> pages(byte[] pdf) throws Exception {
        String text = run(pdf, true, "pdftotext", "{}", "-");
        List<String> pages = new ArrayList<>(List.of(text.split("\f", -1)));
        pages.remove(pages.size() - 1); // after the last form feed
        return pages;
    }

    /** What {@code pdfsig} reports; it exits non-zero for a document without signatures. */
    public static String signatures(byte[] pdf) throws Exception {
        return run(pdf, false, "pdfsig", "{}");
    }

    /** The failed PDF/A-3b rules by veraPDF: empty for a compliant document. */
    public static List<String> pdfA3bFailures(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf))) {
            ValidationResult result = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_3_B, false)
                    .validate(parser);
            List<String> failures = new ArrayList<>();
            result.getTestAssertions().stream().filter(a -> a.getStatus().toString().equals("FAILED"))
                    .forEach(a -> failures.add(a.getRuleId() + ": " + a.getMessage()));
            if (!result.isCompliant() && failures.isEmpty()) {
                failures.add("not compliant");
            }
            return failures;
        }
    }

    private static String run(byte[] pdf, boolean mustSucceed, String... command) throws Exception {
        OutsideTools.require(command[0], "poppler-utils");
        Path file = Files.createTempFile("tenderhall-", ".pdf");
        try {
            Files.write(file, pdf);
            List<String> args = new ArrayList<>();
            for (String part : command) {
                args.add(part.equals("{}") ? file.toString() : part);
            }
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (mustSucceed) {
                assertThat(exit).as(String.join(" ", args) + "\n" + output).isZero();
            }
            return output;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
