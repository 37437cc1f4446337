package org.tenderhall.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.document.PadesSigner;
import org.tenderhall.document.PdfDocuments;
import org.tenderhall.seal.Signer;
import org.tenderhall.timestamp.TimestampAuthority;

/**
 * Rendering and signing a ten-page tender document: milliseconds per page after warm-up. Run with
 * {@code ./mvnw -B -Pbenchmark test -Dtest=DocumentBenchmark}; the figures go to docs/performance.md.
 */
class DocumentBenchmark {

    private static final String MARK = "<!-- document-benchmark -->";

    @Test
    void render_and_sign_a_ten_page_tender_document() throws Exception {
        String xhtml = tenPages();
        Signer platform = DemoPki.load("document-signing");
        Signer tsa = DemoPki.load("tsa");
        TimestampAuthority authority = new TimestampAuthority(tsa.key(), tsa.chain());
        AtomicLong serial = new AtomicLong();
        byte[] json = "{\"tenderId\":\"T-BENCH\"}".getBytes(StandardCharsets.UTF_8);

        int pages;
        try (var document = Loader.loadPDF(PdfDocuments.render(xhtml, "tender.json", json))) {
            pages = document.getNumberOfPages();
        }
        assertThat(pages).isBetween(9, 12);

        for (int i = 0; i < 10; i++) { // warm-up
            once(xhtml, json, platform, authority, serial);
        }
        int runs = 20;
        long renderNanos = 0;
        long signNanos = 0;
        for (int i = 0; i < runs; i++) {
            long[] times = once(xhtml, json, platform, authority, serial);
            renderNanos += times[0];
            signNanos += times[1];
        }
        double renderPerPage = renderNanos / 1e6 / runs / pages;
        double signPerDocument = signNanos / 1e6 / runs;
        double totalPerPage = (renderNanos + signNanos) / 1e6 / runs / pages;
        String report = String.format(Locale.ROOT, """
                %s
                ## Rendering and signing a tender document (document benchmark)

                %s, `./mvnw -B -Pbenchmark test -Dtest=DocumentBenchmark`. Machine: %s cores; Java %s.

                A %d-page Chinese tender document (headings, paragraphs, a criteria table per page) rendered to
                PDF/A-3b with the embedded font subset and attached JSON, then signed (PAdES B-T, RSA 3072, with a
                timestamp from the in-process TSA). Mean of %d runs after 10 warm-up runs.

                | step | milliseconds |
                | --- | ---: |
                | render, per page | %.1f |
                | sign and timestamp, per document | %.1f |
                | **render and sign, per page** | **%.1f** |

                Target: under 100 ms per page (measured: %.1f).
                %s
                """, MARK, LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                pages, runs, renderPerPage, signPerDocument, totalPerPage, totalPerPage, MARK);
        System.out.println(report);
        writeReport(report);
    }

    private static long[] once(String xhtml, byte[] json, Signer platform, TimestampAuthority authority, AtomicLong serial)
            throws Exception {
        long began = System.nanoTime();
        byte[] pdf = PdfDocuments.render(xhtml, "tender.json", json);
        long rendered = System.nanoTime();
        PadesSigner.sign(pdf, platform.key(), platform.chain(),
                digest -> authority.stamp(digest, BigInteger.valueOf(serial.incrementAndGet()), Instant.now()),
                Instant.now(), "benchmark");
        return new long[] {rendered - began, System.nanoTime() - rendered};
    }

    private static String tenPages() {
        StringBuilder body = new StringBuilder();
        for (int page = 1; page <= 10; page++) {
            body.append("<div style='page-break-after: always'><h2>第").append(page).append("章 招标文件</h2>");
            for (int p = 0; p < 6; p++) {
                body.append("<p>投标人应当按照招标文件的要求编制投标文件，投标文件应当对招标文件提出的实质性要求和条件作出响应。"
                        + "The bidder prepares its bid as this document requires and answers every substantive requirement.</p>");
            }
            body.append("<table><tr><th>评分因素</th><th>分值</th><th>评分标准</th></tr>");
            for (int row = 0; row < 8; row++) {
                body.append("<tr><td>施工组织设计 ").append(row).append("</td><td>").append(5 + row)
                        .append("</td><td>内容完整、措施可行、针对性强</td></tr>");
            }
            body.append("</table></div>");
        }
        return "<html><head><title>基准测试招标文件</title><style>body{font-family:'Tenderhall Document';font-size:10.5pt}"
                + "td,th{border:1px solid #444;padding:3px}table{border-collapse:collapse}</style></head><body>"
                + body + "</body></html>";
    }

    private static void writeReport(String section) throws IOException {
        Path doc = Path.of("docs/performance.md");
        String text = Files.readString(doc);
        int start = text.indexOf(MARK);
        int end = start < 0 ? -1 : text.indexOf(MARK, start + MARK.length());
        text = start < 0 ? text.stripTrailing() + "\n\n" + section : text.substring(0, start) + section.strip()
                + text.substring(end + MARK.length());
        Files.writeString(doc, text.endsWith("\n") ? text : text + "\n");
    }
}
