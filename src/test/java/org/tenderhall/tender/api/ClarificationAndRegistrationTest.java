package org.tenderhall.tender.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

@QuarkusTest
class ClarificationAndRegistrationTest {

    @Test
    void a_question_is_answered_publicly_without_revealing_who_asked() {
        String id = Tendering.published("building-works", Tendering.example("building-works"));
        as("bidder1").get("/api/tenders/" + id + "/document.pdf").then().statusCode(200); // registers
        String question = as("bidder1").body("{\"question\":\"暂列金额是否包含在最高投标限价内？\"}")
                .post("/api/tenders/" + id + "/clarifications").then().statusCode(201).extract().path("id");

        as("bidder3").get("/api/tenders/" + id + "/clarifications").then().statusCode(200).body("$", hasSize(0));
        String listed = as("agent").get("/api/tenders/" + id + "/clarifications").then().statusCode(200)
                .body("$", hasSize(1)).extract().asString();
        assertThat(listed).doesNotContain(DemoData.BIDDER_1.code().value()).doesNotContain("bidder1");

        as("agent").body("{\"answer\":\"包含。\"}").post("/api/tenders/" + id + "/clarifications/" + question + "/answer")
                .then().statusCode(200).body("answer", equalTo("包含。"));
        String published = as("bidder3").get("/api/tenders/" + id + "/clarifications").then().statusCode(200)
                .body("[0].question", equalTo("暂列金额是否包含在最高投标限价内？"))
                .body("[0].answer", equalTo("包含。"))
                .body("[0].askedBy", nullValue())
                .extract().asString();
        assertThat(published).doesNotContain(DemoData.BIDDER_1.code().value());
        as("bidder1").get("/api/messages").then().body("kind", hasItem("CLARIFICATION_ANSWERED"));

        as("agent").body("{\"answer\":\"再答\"}").post("/api/tenders/" + id + "/clarifications/" + question + "/answer")
                .then().statusCode(409);
    }

    @Test
    void a_bidder_registers_before_asking() {
        String id = Tendering.published("goods", Tendering.example("goods"));
        as("bidder4").body("{\"question\":\"样品何时提交？\"}").post("/api/tenders/" + id + "/clarifications")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/not-registered"));
    }

    @Test
    void registration_is_recorded_once_and_visible_only_to_the_bidder_itself() {
        String id = Tendering.published("services", Tendering.example("services"));
        String first = as("bidder2").post("/api/tenders/" + id + "/registration").then().statusCode(200)
                .extract().path("registeredAt");
        as("bidder2").post("/api/tenders/" + id + "/registration").then().statusCode(200)
                .body("registeredAt", equalTo(first));
        as("bidder2").get("/api/tenders/" + id + "/registration").then().statusCode(200);
        as("bidder3").get("/api/tenders/" + id + "/registration").then().statusCode(404);

        for (String who : new String[] {"agent", "supervisor", "admin"}) {
            String view = as(who).get("/api/tenders/" + id).then().statusCode(200).extract().asString();
            assertThat(view).doesNotContain(DemoData.BIDDER_2.code().value()).doesNotContainIgnoringCase("registration");
            as(who).get("/api/tenders/" + id + "/registration").then().statusCode(403);
        }
    }

    @Test
    void a_draft_takes_no_registration() {
        String id = Tendering.draft("goods", Tendering.example("goods"));
        as("bidder1").post("/api/tenders/" + id + "/registration").then().statusCode(404);
        as("bidder1").get("/api/messages").then().body("tenderId", not(hasItem(id)));
    }
}
