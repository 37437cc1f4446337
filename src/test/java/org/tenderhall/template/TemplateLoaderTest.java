package org.tenderhall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tenderhall.template.domain.Evaluation;
import org.tenderhall.template.domain.Template;
import org.tenderhall.tender.domain.TenderRules;

class TemplateLoaderTest {

    private static final Path DIRECTORY = Path.of("bid-templates");

    @Test
    void the_seven_template_families_load_with_their_evaluation_and_manifest() {
        List<Template> templates = TemplateLoader.directory(DIRECTORY, TenderRules::check).load();

        assertThat(templates).extracting(Template::code).containsExactly("building-works", "municipal-works",
                "transport-works", "water-works", "goods", "services", "supervision-design");
        assertThat(templates).allSatisfy(t -> {
            assertThat(t.manifest()).anySatisfy(m -> assertThat(m.name()).isEqualTo("price"));
            assertThat(t.field("bidBond")).isPresent();
            assertThat(t.evaluation().problems()).isEmpty();
        });
        assertThat(templates).extracting(t -> t.evaluation().method())
                .contains(Evaluation.Method.COMPREHENSIVE_SCORING, Evaluation.Method.LOWEST_EVALUATED_PRICE);
    }

    @Test
    void the_class_path_copy_is_the_same_as_the_folder() {
        assertThat(TemplateLoader.classpath("bid-templates", TenderRules::check).load())
                .isEqualTo(TemplateLoader.directory(DIRECTORY, TenderRules::check).load());
    }

    @Test
    void every_document_body_fills_in_the_example_values() {
        TemplateLoader loader = TemplateLoader.directory(DIRECTORY, TenderRules::check);
        for (Template template : loader.load()) {
            String xhtml = loader.bodies().preview(template);
            assertThat(xhtml).contains(template.example().get("projectName").asText())
                    .contains(template.evaluation().criteria().get(0).name())
                    .contains("预览稿").doesNotContain("{v.");
        }
    }

    @Test
    void a_template_whose_example_breaks_the_2_percent_rule_is_refused() throws IOException {
        assertBroken(Map.of("goods/template.yaml", s -> s.replace("bidBond: \"190000.00\"", "bidBond: \"190000.01\"")
                .replace("estimatedPrice: \"9850000.00\"", "estimatedPrice: \"9500000.00\"")
                .replace("priceCeiling: \"9850000.00\"", "priceCeiling: \"9500000.00\"")),
                "goods/template.yaml", "example.bidBond must be at most 2% of the estimated price");
    }

    @Test
    void a_rule_that_names_a_missing_field_is_refused() throws IOException {
        assertBroken(Map.of("water-works/template.yaml", s -> s.replace("field: floodSeasonStart", "field: floodStart")),
                "water-works/template.yaml", "floodStart, which is not a field of the template");
    }

    @Test
    void criteria_that_do_not_add_up_to_100_points_are_refused() throws IOException {
        assertBroken(Map.of("services/template.yaml", s -> s.replace("points: 45", "points: 40")),
                "services/template.yaml", "add up to 95, not 100");
    }

    @Test
    void a_misspelt_key_is_refused_with_its_line() throws IOException {
        assertBroken(Map.of("transport-works/template.yaml", s -> s.replace("  method: comprehensive_scoring",
                "  methode: comprehensive_scoring")), "transport-works/template.yaml", "line ");
    }

    @Test
    void a_manifest_without_price_is_refused() throws IOException {
        assertBroken(Map.of("goods/template.yaml", s -> s.replace("- { name: price,", "- { name: totalPrice,")),
                "goods/template.yaml", "the manifest must declare price");
    }

    @Test
    void an_opening_custody_the_opening_does_not_know_is_refused() throws IOException {
        assertBroken(Map.of("goods/template.yaml", s -> s.replace("openingCustody: scheduled", "openingCustody: notary")),
                "goods/template.yaml", "openingCustody must be one of");
    }

    @Test
    void a_document_body_that_names_an_unknown_value_is_refused() throws IOException {
        assertBroken(Map.of("municipal-works/document.html", s -> s.replace("{v.scale}", "{v.extent}")),
                "municipal-works/document.html", "does not render");
    }

    @Test
    void a_layout_mistake_in_the_amendments_section_is_refused_at_load_time() throws IOException {
        assertBroken(Map.of("layout.html", s -> s.replace("{a.summary}", "{a.summery}")), "document.html",
                "does not render");
    }

    @Test
    void a_family_listed_but_missing_is_refused() throws IOException {
        assertBroken(Map.of("index.yaml", s -> s + "  - harbour-works\n"), "harbour-works/template.yaml", "is missing");
    }

    private static void assertBroken(Map<String, java.util.function.UnaryOperator<String>> edits, String file,
            String problem) throws IOException {
        Map<String, String> copy = new HashMap<>();
        try (Stream<Path> paths = Files.walk(DIRECTORY)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                copy.put(DIRECTORY.relativize(path).toString().replace('\\', '/'), Files.readString(path));
            }
        }
        edits.forEach((name, edit) -> copy.put(name, edit.apply(copy.get(name))));
        TemplateLoader loader = new TemplateLoader(name -> Optional.ofNullable(copy.get(name)), TenderRules::check);
        assertThatThrownBy(loader::load).isInstanceOf(TemplateLoader.BrokenTemplate.class)
                .hasMessageContaining(file).hasMessageContaining(problem);
    }
}
