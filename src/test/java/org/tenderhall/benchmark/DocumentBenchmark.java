package org.tenderhall.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.document.PadesSigner;
import org.tenderhall.document.PdfDocuments;
import org.tenderhall.seal.Signer;
import org.tenderhall.template.DocumentBodies;
import org.tenderhall.template.TemplateLoader;
import org.tenderhall.template.domain.Template;
import org.tenderhall.tender.domain.TenderRules;
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

                The %d-page building-works tender document of `bid-templates/` (its example values and three
                amendments: cover, notice, data table, criteria table, manifest, amendment tables) rendered to
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
        Benchmarks.report(MARK, report);
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

    /**
     * The real building-works document (bid-templates/) with its example values, published and amended three
     * times: the document a tender of that family is, at about ten pages.
     */
    private static String tenPages() {
        TemplateLoader loader = TemplateLoader.directory(Path.of("bid-templates"), TenderRules::check);
        Template template = loader.load().get(0);
        Map<String, Object> values = TenderRules.check(template, template.example(), Instant.EPOCH).values();
        List<DocumentBodies.Amendment> amendments = new ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            List<DocumentBodies.Change> changes = new ArrayList<>();
            for (int row = 0; row < 6; row++) {
                changes.add(new DocumentBodies.Change("工程量清单第 " + (row + 1) + " 项", "按原招标文件执行",
                        "按第 " + number + " 号修改后的工程量清单执行，相应调整最高投标限价的组成"));
            }
            amendments.add(new DocumentBodies.Amendment(number, Instant.parse("2027-02-0" + number + "T02:00:00Z"),
                    "根据投标人提出的问题，对工程量清单及技术要求作如下澄清和修改。", changes));
        }
        return loader.bodies().xhtml(template, values, new DocumentBodies.Issue("bench", 4,
                Instant.parse("2027-02-03T02:00:00Z"), false, "0".repeat(64), amendments));
    }
}
