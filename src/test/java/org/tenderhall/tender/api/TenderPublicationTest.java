package org.tenderhall.tender.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.tenderhall.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tenderhall.Api;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.document.PdfChecks;
import org.tenderhall.identity.DemoData;
import org.tenderhall.platform.TestClock;
import org.tenderhall.tender.Tendering;

@QuarkusTest
class TenderPublicationTest {

    @Inject
    AuditLog audit;

    @ParameterizedTest
    @ValueSource(strings = {"building-works", "municipal-works", "transport-works", "water-works", "goods", "services",
        "supervision-design"})
    void every_template_family_publishes_a_signed_pdf_a_document_with_its_project_name_and_criteria_table(String family)
            throws Exception {
        ObjectNode values = Tendering.example(family);
        String id = Tendering.draft(family, values);
        as("agent").post("/api/tenders/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("documents", hasSize(1))
                .body("openingCertificate", equalTo("/api/tenders/" + id + "/opening-certificate"));

        byte[] pdf = as("bidder1").accept("application/pdf").get("/api/tenders/" + id + "/document.pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();

        String text = PdfChecks.text(pdf);
        assertThat(text.replaceAll("\\s+", "")).contains(values.get("projectName").asText().replaceAll("\\s+", ""));
        var criteria = given().get("/api/templates/" + family).then().extract().jsonPath()
                .getList("evaluation.criteria", java.util.Map.class);
        for (var criterion : criteria) {
            String name = (String) criterion.get("name");
            String judgement = switch ((String) criterion.get("judgement")) {
                case "EXPERT" -> "评标专家评分";
                case "FORMULA" -> "按公式计算";
                default -> "合格/不合格";
            };
            String row = text.lines().filter(l -> l.contains(name) && l.contains(judgement)).findFirst().orElse("");
            assertThat(row).as("criteria table row of " + name).isNotEmpty();
            if (!criterion.get("judgement").equals("PASS_FAIL")) {
                assertThat(row).contains(new java.math.BigDecimal(criterion.get("points").toString())
                        .stripTrailingZeros().toPlainString());
            }
        }
        assertThat(PdfChecks.signatures(pdf)).contains("Signature Validation: Signature is Valid",
                "Total document signed", "ETSI.CAdES.detached");
        assertThat(PdfChecks.pdfA3bFailures(pdf)).isEmpty();

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        AuditEvent published = audit.forSubject("tender:" + id).stream()
                .filter(e -> e.action.equals("TenderPublished")).findFirst().orElseThrow();
        assertThat(published.data).contains("\"documentSha256\":\"" + sha256 + "\"");

        given().get("/api/notices").then().statusCode(200).body("tenderId", hasItem(id));
    }

    @Test
    void the_opening_certificate_is_public_issued_by_the_platform_ca_for_key_encipherment_and_named_in_the_document()
            throws Exception {
        String id = Tendering.published("goods", Tendering.example("goods"));
        String pem = given().get("/api/tenders/" + id + "/opening-certificate").then().statusCode(200)
                .contentType("application/x-pem-file").extract().asString();
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        X509Certificate platformCa = DemoPki.ca("platform-ca");
        certificate.verify(platformCa.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).contains(id);
        assertThat(certificate.getKeyUsage()[2]).isTrue(); // keyEncipherment
        assertThat(certificate.getKeyUsage()[0]).isFalse(); // not for signatures

        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        byte[] pdf = as("agent").get("/api/tenders/" + id + "/document.pdf").then().statusCode(200).extract().asByteArray();
        assertThat(PdfChecks.text(pdf).replaceAll("\\s+", "")).contains(fingerprint);
    }

    @Test
    void the_notices_list_shows_a_published_tender_without_login_and_never_a_draft() {
        String published = Tendering.published("services", Tendering.example("services"));
        String draft = Tendering.draft("services", Tendering.example("services"));
        given().get("/api/notices").then().statusCode(200)
                .body("tenderId", hasItem(published))
                .body("find { it.tenderId == '" + published + "' }.kind", equalTo("TENDER_PUBLISHED"))
                .body("find { it.tenderId == '" + published + "' }.title", containsString("物业管理服务"))
                .body("find { it.tenderId == '" + draft + "' }", nullValue());
        given().get("/api/tenders/" + draft + "/opening-certificate").then().statusCode(404);
    }

    @Test
    void every_violated_rule_is_reported_at_once_with_its_field_path_and_nothing_is_saved() {
        ObjectNode values = Tendering.example("building-works");
        values.put("bidBond", "973000.01"); // 2% of 48,650,000.00 is 973,000.00
        values.remove("projectName");
        values.put("buildingArea", "26480"); // a string where a whole number belongs
        values.put("plannedCompletion", "2027-03-01"); // before the start
        int before = as("agent").get("/api/tenders").then().extract().path("size()");

        as("agent").body(Tendering.body("building-works", values)).post("/api/tenders")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tenderhall.org/problems/tender-rules-violated"))
                .body("errors.field", hasItems("values.bidBond", "values.projectName", "values.buildingArea",
                        "values.plannedStart"))
                .body("errors.find { it.field == 'values.bidBond' }.message", containsString("2%"));
        as("agent").get("/api/tenders").then().body("size()", equalTo(before));
    }

    @Test
    void a_bid_bond_over_2_percent_of_the_estimated_price_is_refused() {
        ObjectNode values = Tendering.example("goods"); // estimated price 9,850,000.00: 2% is 197,000.00
        values.put("bidBond", "197000.01");
        as("agent").body(Tendering.body("goods", values)).post("/api/tenders")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("values.bidBond")))
                .body("errors[0].message", containsString("197000.00"));
        values.put("bidBond", "197000.00");
        as("agent").body(Tendering.body("goods", values)).post("/api/tenders").then().statusCode(201);
    }

    @Test
    void a_bid_deadline_less_than_20_days_after_publication_is_refused_when_tendering_is_mandatory() {
        ObjectNode values = Tendering.example("goods", TestClock.now().plus(Duration.ofDays(19)));
        as("agent").body(Tendering.body("goods", values)).post("/api/tenders")
                .then().statusCode(422)
                .body("errors.field", hasItem("values.bidDeadline"))
                .body("errors.find { it.field == 'values.bidDeadline' }.message", containsString("20 days"));

        values.put("mandatoryTendering", "否");
        as("agent").body(Tendering.body("goods", values)).post("/api/tenders").then().statusCode(201);
    }

    @Test
    void publication_checks_the_20_day_rule_against_the_clock_when_it_publishes() throws Exception {
        ObjectNode values = Tendering.example("water-works", TestClock.now().plus(Duration.ofDays(20)).plusSeconds(3));
        String id = Tendering.draft("water-works", values);
        TestClock.get().advance(Duration.ofSeconds(4));
        as("agent").post("/api/tenders/" + id + "/publish").then().statusCode(422)
                .body("errors.field", hasItem("values.bidDeadline"));
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("DRAFT")).body("documents", hasSize(0));
        given().get("/api/tenders/" + id + "/opening-certificate").then().statusCode(404);
    }

    @Test
    void the_opening_time_must_be_the_deadline() {
        ObjectNode values = Tendering.example("services");
        values.put("openingTime", Tendering.beijing(TestClock.now().plus(Duration.ofDays(26))));
        as("agent").body(Tendering.body("services", values)).post("/api/tenders")
                .then().statusCode(422).body("errors.field", hasItem("values.openingTime"));
    }

    @Test
    void a_draft_is_private_to_its_agents_who_preview_it_unsigned() throws Exception {
        String id = Tendering.draft("municipal-works", Tendering.example("municipal-works"));
        as("bidder1").get("/api/tenders/" + id).then().statusCode(404);
        as("supervisor").get("/api/tenders/" + id + "/document.pdf").then().statusCode(404);
        byte[] preview = as("agent").get("/api/tenders/" + id + "/document.pdf").then().statusCode(200)
                .extract().asByteArray();
        assertThat(PdfChecks.text(preview)).contains("预览稿");
        assertThat(PdfChecks.signatures(preview)).doesNotContain("Signature is Valid");
    }

    @Test
    void a_draft_is_edited_but_a_published_tender_only_by_amendment() {
        ObjectNode values = Tendering.example("goods");
        String id = Tendering.draft("goods", values);
        values.put("warrantyMonths", 48);
        as("agent").body("{\"values\":" + values + "}").put("/api/tenders/" + id).then().statusCode(200)
                .body("values.warrantyMonths", equalTo(48));
        as("agent").post("/api/tenders/" + id + "/publish").then().statusCode(200);

        values.put("warrantyMonths", 60);
        as("agent").body("{\"values\":" + values + "}").put("/api/tenders/" + id).then().statusCode(409)
                .body("type", equalTo("https://tenderhall.org/problems/tender-not-draft"));
        as("agent").get("/api/tenders/" + id).then().body("values.warrantyMonths", equalTo(48));
    }

    @Test
    void publishing_twice_is_refused_and_changes_nothing() {
        String id = Tendering.published("services", Tendering.example("services"));
        as("agent").post("/api/tenders/" + id + "/publish").then().statusCode(409)
                .body("type", equalTo("https://tenderhall.org/problems/tender-status-conflict"))
                .body("detail", containsString("published"));
        as("agent").get("/api/tenders/" + id).then().body("documents", hasSize(1));
        assertThat(audit.forSubject("tender:" + id).stream().filter(e -> e.action.equals("TenderPublished"))).hasSize(1);
    }

    @Test
    void an_agent_of_another_organisation_cannot_touch_the_tender() {
        String agency = Api.freshCreditCode();
        String username = "agent-" + agency.substring(10).toLowerCase();
        as("admin").body("{\"code\":\"" + agency + "\",\"name\":\"另一家招标代理有限公司\"}").post("/api/organisations")
                .then().statusCode(201);
        as("admin").body("{\"username\":\"" + username + "\",\"displayName\":\"Other agent\",\"password\":\""
                + DemoData.PASSWORD + "\",\"role\":\"agent\",\"organisation\":\"" + agency + "\"}")
                .post("/api/accounts").then().statusCode(201);
        ObjectNode values = Tendering.example("goods");
        String id = Tendering.draft("goods", values);

        as(username).body("{\"values\":" + values + "}").put("/api/tenders/" + id).then().statusCode(404);
        as(username).post("/api/tenders/" + id + "/publish").then().statusCode(404);
        as(username).get("/api/tenders/" + id).then().statusCode(404);
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("DRAFT"));

        String published = Tendering.published("goods", Tendering.example("goods"));
        as(username).body("{\"summary\":\"改\",\"affectsBidPreparation\":false,\"values\":{\"warrantyMonths\":60}}")
                .post("/api/tenders/" + published + "/amendments").then().statusCode(403)
                .body("type", equalTo("https://tenderhall.org/problems/tender-of-another-organisation"));
        as(username).body("{\"reason\":\"不要了\"}").post("/api/tenders/" + published + "/cancel").then().statusCode(403);
        as("agent").get("/api/tenders/" + published).then().body("status", equalTo("PUBLISHED"))
                .body("documents", hasSize(1));
    }

    @Test
    void a_cancelled_draft_stays_private() {
        String id = Tendering.draft("goods", Tendering.example("goods"));
        as("agent").body("{\"reason\":\"立项撤销\"}").post("/api/tenders/" + id + "/cancel").then().statusCode(200);
        as("bidder1").get("/api/tenders/" + id).then().statusCode(404);
        as("agent").get("/api/tenders/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        as("agent").get("/api/tenders/" + id + "/document.pdf").then().statusCode(404);
        given().get("/api/notices").then().body("find { it.tenderId == '" + id + "' }", nullValue());
    }

    @Test
    void a_template_that_does_not_exist_is_refused() {
        as("agent").body(Tendering.body("harbour-works", Tendering.example("goods"))).post("/api/tenders")
                .then().statusCode(404)
                .body("type", equalTo("https://tenderhall.org/problems/unknown-template"));
    }

    @Test
    void only_agents_draft_tenders() {
        as("bidder1").body(Tendering.body("goods", Tendering.example("goods"))).post("/api/tenders")
                .then().statusCode(403);
    }

    @Test
    void the_templates_are_listed_and_served_as_json_schema_without_login() {
        given().get("/api/templates").then().statusCode(200)
                .body("code", equalTo(List.of(Tendering.FAMILIES)));
        given().get("/api/templates/building-works").then().statusCode(200)
                .body("schema.$schema", equalTo("https://json-schema.org/draft/2020-12/schema"))
                .body("schema.properties.bidBond.type", equalTo("string"))
                .body("schema.properties.buildingArea.type", equalTo("integer"))
                .body("schema.properties.structureType.enum", hasItem("框架结构"))
                .body("schema.properties.bidDeadline.format", equalTo("date-time"))
                .body("schema.required", hasItems("projectName", "bidBond", "bidDeadline"))
                .body("manifest.required", hasItem("price"))
                .body("evaluation.method", equalTo("COMPREHENSIVE_SCORING"));
        given().get("/api/templates/harbour-works").then().statusCode(404);
    }

    @Test
    void a_published_tender_is_cancelled_with_its_reason_in_a_public_notice_and_cannot_be_cancelled_twice() {
        String id = Tendering.published("goods", Tendering.example("goods"));
        as("agent").body("{\"reason\":\"采购需求发生重大变化\"}").post("/api/tenders/" + id + "/cancel")
                .then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellation", equalTo("采购需求发生重大变化"));
        given().get("/api/notices").then()
                .body("find { it.tenderId == '" + id + "' && it.kind == 'TENDER_CANCELLED' }.title",
                        containsString("采购需求发生重大变化"));
        as("agent").body("{\"reason\":\"again\"}").post("/api/tenders/" + id + "/cancel")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/tender-status-conflict"));
        as("agent").body("{\"reason\":\" \"}").post("/api/tenders/" + id + "/cancel").then().statusCode(422);
        as("bidder1").post("/api/tenders/" + id + "/registration").then().statusCode(409);
    }
}
