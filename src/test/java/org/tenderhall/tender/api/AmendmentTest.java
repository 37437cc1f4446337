package org.tenderhall.tender.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.tenderhall.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tenderhall.document.PdfChecks;
import org.tenderhall.platform.TestClock;
import org.tenderhall.tender.Tendering;

@QuarkusTest
class AmendmentTest {

    private static String amendment(String summary, boolean affects, String values) {
        return "{\"summary\":\"" + summary + "\",\"affectsBidPreparation\":" + affects + ",\"values\":" + values + "}";
    }

    @Test
    void amendment_affecting_bids_within_15_days_of_the_deadline_moves_deadline_and_opening_so_15_days_remain()
            throws Exception {
        Instant deadline = TestClock.now().plus(Duration.ofDays(10));
        String id = Tendering.published("goods", Tendering.voluntary("goods", deadline));
        as("bidder2").post("/api/tenders/" + id + "/registration").then().statusCode(200);

        Instant before = TestClock.now();
        as("agent").body(amendment("交货期由 90 日历天调整为 120 日历天", true, "{\"deliveryDays\":120}"))
                .post("/api/tenders/" + id + "/amendments")
                .then().statusCode(201)
                .body("version", equalTo(2))
                .body("deadlineMoved", equalTo(true));

        var tender = as("agent").get("/api/tenders/" + id).then().statusCode(200).extract().jsonPath();
        Instant moved = Instant.parse(tender.getString("bidDeadline"));
        assertThat(moved).isBetween(before.plus(Duration.ofDays(15)).minusSeconds(1),
                TestClock.now().plus(Duration.ofDays(15)).plusSeconds(61));
        assertThat(Instant.parse(tender.getString("openingTime"))).isEqualTo(moved);
        assertThat(tender.getList("documents")).hasSize(2);

        byte[] v2 = as("bidder2").get("/api/tenders/" + id + "/documents/2.pdf").then().statusCode(200)
                .extract().asByteArray();
        String text = PdfChecks.text(v2);
        assertThat(text).contains("第 1 号修改", "交货期由 90 日历天调整为 120 日历天", "120 日历天");
        assertThat(PdfChecks.signatures(v2)).contains("Signature is Valid");
        byte[] v1 = as("bidder2").get("/api/tenders/" + id + "/documents/1.pdf").then().statusCode(200)
                .extract().asByteArray();
        assertThat(PdfChecks.text(v1)).doesNotContain("第 1 号修改");

        as("bidder2").get("/api/messages").then().statusCode(200)
                .body("find { it.tenderId == '" + id + "' && it.kind == 'TENDER_AMENDED' }.title", containsString("第 1 号"));
        as("bidder3").get("/api/messages").then().statusCode(200).body("tenderId", not(hasItem(id)));
    }

    @Test
    void amendment_that_does_not_affect_bids_keeps_the_deadline() {
        Instant deadline = TestClock.now().plus(Duration.ofDays(10));
        String id = Tendering.published("services", Tendering.voluntary("services", deadline));
        String was = as("agent").get("/api/tenders/" + id).then().extract().path("bidDeadline");
        as("agent").body(amendment("更正联系人电话", false, "{\"contactPhone\":\"0592-5550199\"}"))
                .post("/api/tenders/" + id + "/amendments")
                .then().statusCode(201).body("deadlineMoved", equalTo(false));
        as("agent").get("/api/tenders/" + id).then().body("bidDeadline", equalTo(was))
                .body("values.contactPhone", equalTo("0592-5550199"));
    }

    @Test
    void amendment_more_than_15_days_before_the_deadline_keeps_it() {
        String id = Tendering.published("goods", Tendering.example("goods"));
        String was = as("agent").get("/api/tenders/" + id).then().extract().path("bidDeadline");
        as("agent").body(amendment("补充样品要求", true, "{\"samples\":\"须提供样品\"}"))
                .post("/api/tenders/" + id + "/amendments")
                .then().statusCode(201).body("deadlineMoved", equalTo(false));
        as("agent").get("/api/tenders/" + id).then().body("bidDeadline", equalTo(was));
    }

    @Test
    void an_amendment_may_postpone_the_deadline_but_never_advance_it() {
        String id = Tendering.published("goods", Tendering.example("goods", TestClock.now().plus(Duration.ofDays(30))));
        String earlier = Tendering.beijing(TestClock.now().plus(Duration.ofDays(25)));
        as("agent").body(amendment("提前截止", true, "{\"bidDeadline\":\"" + earlier + "\",\"openingTime\":\"" + earlier + "\"}"))
                .post("/api/tenders/" + id + "/amendments")
                .then().statusCode(422)
                .body("type", equalTo("https://tenderhall.org/problems/tender-rules-violated"))
                .body("errors.field", hasItem("values.bidDeadline"));
        as("agent").get("/api/tenders/" + id).then().body("documents", hasSize(1));

        String later = Tendering.beijing(TestClock.now().plus(Duration.ofDays(40)));
        as("agent").body(amendment("延期开标", true, "{\"bidDeadline\":\"" + later + "\",\"openingTime\":\"" + later + "\"}"))
                .post("/api/tenders/" + id + "/amendments").then().statusCode(201);
    }

    @Test
    void an_amendment_that_breaks_a_rule_changes_nothing() {
        ObjectNode values = Tendering.example("goods");
        String id = Tendering.published("goods", values);
        as("agent").body(amendment("提高保证金", false, "{\"bidBond\":\"200000.00\"}")) // over 2% of 9,850,000.00
                .post("/api/tenders/" + id + "/amendments")
                .then().statusCode(422).body("errors.field", hasItem("values.bidBond"));
        as("agent").get("/api/tenders/" + id).then().body("values.bidBond", equalTo("190000.00"))
                .body("documents", hasSize(1));
    }

    @Test
    void a_draft_is_edited_not_amended() {
        String id = Tendering.draft("goods", Tendering.example("goods"));
        as("agent").body(amendment("修改", false, "{}")).post("/api/tenders/" + id + "/amendments")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/tender-status-conflict"));
    }
}
