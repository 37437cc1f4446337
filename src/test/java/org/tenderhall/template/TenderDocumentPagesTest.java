package org.tenderhall.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tenderhall.document.PdfChecks;
import org.tenderhall.document.PdfDocuments;
import org.tenderhall.template.domain.Template;
import org.tenderhall.tender.domain.TenderRules;

/** How the tender document of {@code bid-templates/} falls onto pages, as poppler's pdftotext reads them. */
class TenderDocumentPagesTest {

    private static final Pattern HEADING = Pattern.compile("<h([1-3])[^>]*>(.*?)</h\\1>", Pattern.DOTALL);
    private static final Pattern FOOTER = Pattern.compile("第 ?\\d+ ?页 ?共 ?\\d+ ?页");

    /**
     * The goods document with a list of goods one short step longer each time, so that every heading of the first
     * chapter slides down past the foot of a page: in no version is a heading the last text on its page.
     */
    @Test
    void a_heading_is_never_the_last_text_on_a_page() throws Exception {
        TemplateLoader loader = TemplateLoader.directory(Path.of("bid-templates"), TenderRules::check);
        Template goods = loader.load().stream().filter(t -> t.code().equals("goods")).findFirst().orElseThrow();
        Map<String, Object> values = new HashMap<>(TenderRules.check(goods, goods.example(), Instant.EPOCH).values());
        String goodsList = (String) values.get("goodsList");
        String step = "配套高压注射器一台及机房辐射防护改造，随机提供原厂维修手册与操作培训；"; // under a line
        DocumentBodies.Issue issue = new DocumentBodies.Issue("00000000-0000-0000-0000-000000000000", 1,
                Instant.parse("2027-01-05T02:00:00Z"), false, "0".repeat(64), List.of());
        int carriedOver = 0;
        for (int steps = 0; steps < 32; steps++) { // about three quarters of a page
            values.put("goodsList", goodsList + step.repeat(steps));
            String xhtml = loader.bodies().xhtml(goods, values, issue);
            Set<String> headings = new HashSet<>();
            Set<String> subheadings = new HashSet<>();
            Matcher heading = HEADING.matcher(xhtml);
            while (heading.find()) {
                String text = plain(heading.group(2));
                headings.add(text);
                if (heading.group(1).equals("3")) {
                    subheadings.add(text);
                }
            }
            List<String> pages = PdfChecks.pages(PdfDocuments.render(xhtml, "tender.json",
                    "{}".getBytes(StandardCharsets.UTF_8)));
            for (int page = 0; page < pages.size(); page++) {
                List<String> lines = pages.get(page).lines().map(TenderDocumentPagesTest::plain)
                        .filter(l -> !l.isEmpty() && !FOOTER.matcher(l).matches()).toList();
                assertThat(headings).as("the last text of page %d with %d steps of goods", page + 1, steps)
                        .doesNotContain(lines.get(lines.size() - 1));
                if (subheadings.contains(lines.get(0))) {
                    carriedOver++;
                }
            }
        }
        // The sweep did reach the case: some heading went over to the next page with its first lines.
        assertThat(carriedOver).isPositive();
    }

    /** Text without tags, entities of the layout or white space, as both the XHTML and pdftotext give it. */
    private static String plain(String text) {
        return text.replaceAll("<[^>]+>", "").replace("&amp;", "&").replaceAll("[\\s\u3000]+", "");
    }
}
