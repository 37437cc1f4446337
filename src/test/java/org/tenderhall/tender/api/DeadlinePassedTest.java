package org.tenderhall.tender.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tenderhall.platform.TestClock;
import org.tenderhall.tender.Tendering;

/**
 * At the deadline bidding is closed by the clock, not by the scheduler: with the scheduler off, the tender is still
 * "published" after its deadline, and still nothing more is registered, asked or amended. (The opening, which
 * closes bidding too when it comes first, is off as well.)
 */
@QuarkusTest
class DeadlinePassedTest {

    @Test
    void after_the_deadline_nothing_is_registered_asked_or_amended_even_before_the_scheduler_closes_bidding()
            throws Exception {
        Instant deadline = TestClock.now().plusSeconds(600);
        String id = Tendering.published("goods", Tendering.voluntary("goods", deadline));
        as("bidder1").post("/api/tenders/" + id + "/registration").then().statusCode(200);
        TestClock.get().advanceTo(deadline.plusMillis(500)); // and the deadline job has not run (tests run it themselves)
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("PUBLISHED"));

        as("bidder2").post("/api/tenders/" + id + "/registration").then().statusCode(409)
                .body("type", equalTo("https://tenderhall.org/problems/deadline-passed"));
        as("bidder2").get("/api/tenders/" + id + "/document.pdf").then().statusCode(200); // a download, not a registration
        as("bidder2").get("/api/tenders/" + id + "/registration").then().statusCode(404);
        as("bidder1").body("{\"question\":\"还能提问吗？\"}").post("/api/tenders/" + id + "/clarifications")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/deadline-passed"));
        as("agent").body("{\"summary\":\"延期\",\"affectsBidPreparation\":true,\"values\":{\"deliveryDays\":100}}")
                .post("/api/tenders/" + id + "/amendments")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/deadline-passed"));
        as("agent").get("/api/tenders/" + id).then().body("documents", hasSize(1));
    }
}
