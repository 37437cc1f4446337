package org.tenderhall.opening;

import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tenderhall.bid.SealedBids;

/** The objection window closes: after it, neither a confirmation nor an objection is taken. */
@QuarkusTest
@TestProfile(ObjectionWindowTest.ShortWindow.class)
class ObjectionWindowTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tenderhall.opening.objection-window", "2s");
        }
    }

    @Test
    void an_objection_after_the_window_is_refused() throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        String tender = ScheduledOpeningTest.tender(deadline, "bidder1", "bidder2", "bidder3");
        for (String bidder : new String[] {"bidder1", "bidder2", "bidder3"}) {
            SealedBids.submit(bidder, tender, ScheduledOpeningTest.sealed(bidder, tender, "9650000.00")).statusCode(201);
        }
        ScheduledOpeningTest.waitUntil(deadline);
        Instant until = Instant.parse(ScheduledOpeningTest.recorded(tender).getString("objectionsUntil"));
        ScheduledOpeningTest.waitUntil(until.plus(Duration.ofMillis(100)));
        as("bidder1").body("{\"objection\":\"报价唱错\"}").post("/api/tenders/" + tender + "/opening/objections")
                .then().statusCode(409).body("type", equalTo(ScheduledOpeningTest.TYPES + "objection-window-closed"));
        as("bidder2").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(409)
                .body("type", equalTo(ScheduledOpeningTest.TYPES + "objection-window-closed"));
    }
}
