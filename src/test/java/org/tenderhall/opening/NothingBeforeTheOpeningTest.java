package org.tenderhall.opening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

/**
 * Before the opening time no role, admin included, obtains any plaintext of a bid or any key that opens one, by
 * any endpoint of the opening: every attempt is refused, and the attempts to open are recorded.
 */
@QuarkusTest
class NothingBeforeTheOpeningTest {

    private static final List<String> ROLES = List.of("admin", "supervisor", "agent", "bidder1", "bidder2",
            "expert1", "guarantor1");

    @jakarta.inject.Inject
    AuditLog audit;

    private static Response call(String account, String method, String path) {
        var request = given().auth().preemptive().basic(account, DemoData.PASSWORD);
        return switch (method) {
            case "GET" -> request.get(path);
            case "POST" -> request.post(path);
            default -> request.contentType("application/pkcs7-mime").body(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})
                    .post(path);
        };
    }

    @Test
    void before_the_opening_time_no_role_obtains_any_plaintext_or_key_by_any_endpoint() throws Exception {
        String tender = ScheduledOpeningTest.tender(org.tenderhall.platform.TestClock.now().plus(25, ChronoUnit.DAYS), "bidder1", "bidder2");
        SealedBids.submit("bidder1", tender, ScheduledOpeningTest.sealed("bidder1", tender, "9650000.00")).statusCode(201);
        SealedBids.submit("bidder2", tender, ScheduledOpeningTest.sealed("bidder2", tender, "9480000.50")).statusCode(201);
        String base = "/api/tenders/" + tender;
        List<String[]> endpoints = List.of(
                new String[] {"GET", base + "/opening"},
                new String[] {"GET", base + "/opening/record"},
                new String[] {"GET", base + "/opening/record.pdf"},
                new String[] {"POST", base + "/opening"},
                new String[] {"GET", base + "/opening/transport-certificate"},
                new String[] {"GET", base + "/opening/shares/mine"},
                new String[] {"BODY", base + "/opening/shares"},
                new String[] {"BODY", base + "/opening/keys"},
                new String[] {"POST", base + "/opening/confirmation"});
        for (String role : ROLES) {
            for (String[] endpoint : endpoints) {
                Response response = call(role, endpoint[0], endpoint[1]);
                assertThat(response.statusCode()).as("%s %s as %s", endpoint[0], endpoint[1], role)
                        .isIn(403, 404, 409);
                assertThat(response.asString()).as("%s %s as %s", endpoint[0], endpoint[1], role)
                        .doesNotContain("9650000", "9480000", "PRIVATE KEY", "manifest.json");
            }
            // the only way to the bids is the bidder's own list: metadata and receipts, never content
            Response own = given().auth().preemptive().basic(role, DemoData.PASSWORD).get(base + "/bids");
            assertThat(own.asString()).doesNotContain("9650000", "9480000", "manifest.json");
        }
        // Every attempt to open was refused by the clock, admin's too, and recorded.
        assertThat(audit.forSubject("tender:" + tender)).filteredOn(e -> e.action.equals("OpeningRefused"))
                .extracting(e -> e.actor).containsExactlyInAnyOrderElementsOf(ROLES);
        assertThat(audit.forSubject("tender:" + tender).stream().map(e -> e.action).toList())
                .doesNotContain("OpeningKeyUnwrapped", "OpeningStarted", "BidOpened");
    }
}
