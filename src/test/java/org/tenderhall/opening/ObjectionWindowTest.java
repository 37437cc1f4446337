package org.tenderhall.opening;

import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.platform.TestClock;

/** The objection window closes: up to its end a response is taken; after it, neither a confirmation nor an objection. */
@QuarkusTest
class ObjectionWindowTest {

    @Test
    void an_objection_after_the_window_is_refused() throws Exception {
        Instant deadline = ScheduledOpeningTest.soon();
        String tender = ScheduledOpeningTest.tender(deadline, "bidder1", "bidder2", "bidder3");
        for (String bidder : new String[] {"bidder1", "bidder2", "bidder3"}) {
            SealedBids.submit(bidder, tender, ScheduledOpeningTest.sealed(bidder, tender, "9650000.00")).statusCode(201);
        }
        TestClock.passTo(deadline);
        Instant until = Instant.parse(ScheduledOpeningTest.recorded(tender).getString("objectionsUntil"));
        TestClock.get().advanceTo(until.minusSeconds(1));
        as("bidder3").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(201);

        TestClock.passTo(until);
        as("bidder1").body("{\"objection\":\"报价唱错\"}").post("/api/tenders/" + tender + "/opening/objections")
                .then().statusCode(409).body("type", equalTo(ScheduledOpeningTest.TYPES + "objection-window-closed"));
        as("bidder2").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(409)
                .body("type", equalTo(ScheduledOpeningTest.TYPES + "objection-window-closed"));
    }
}
