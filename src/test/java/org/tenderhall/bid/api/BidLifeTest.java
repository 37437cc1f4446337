package org.tenderhall.bid.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.tenderhall.Api.as;
import static org.tenderhall.bid.api.BidSubmissionTest.publishedAndRegistered;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.storage.BlobStore;

/** Submitting in one request, replacing, withdrawing, secrecy, and the health of the stored envelopes. */
@QuarkusTest
class BidLifeTest {

    static final String TYPES = "https://tenderhall.org/problems/";
    static final String BIDDER_1 = DemoData.BIDDER_1.code().value();
    static final String BIDDER_2 = DemoData.BIDDER_2.code().value();

    @Inject
    BlobStore store;

    static io.restassured.response.ValidatableResponse oneShot(String account, String tender, SealedBids.Sealed bid) {
        return SealedBids.submit(account, tender, bid);
    }

    @Test
    void a_bid_in_one_request_gets_its_receipt_and_the_envelope_is_stored_under_its_sha256() throws Exception {
        String tender = publishedAndRegistered("bidder2");
        var bid = SealedBids.seal("bidder2", BIDDER_2, tender);
        String sha256 = oneShot("bidder2", tender, bid).statusCode(201).extract().path("facts.envelopeSha256");
        assertThat(Files.readAllBytes(store.path(sha256))).isEqualTo(bid.envelope());
    }

    @Test
    void the_newest_bid_is_the_valid_one_and_earlier_ones_stay_superseded() {
        String tender = publishedAndRegistered("bidder1");
        String first = oneShot("bidder1", tender, SealedBids.seal("bidder1", BIDDER_1, tender)).statusCode(201)
                .extract().path("facts.bidId");
        String second = oneShot("bidder1", tender, SealedBids.seal("bidder1", BIDDER_1, tender)).statusCode(201)
                .extract().path("facts.bidId");
        as("bidder1").get("/api/tenders/" + tender + "/bids").then().body("$", hasSize(2))
                .body("find { it.id == '" + second + "' }.status", equalTo("VALID"))
                .body("find { it.id == '" + first + "' }.status", equalTo("SUPERSEDED"));
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).delete("/api/bids/" + first)
                .then().statusCode(409).body("type", equalTo(TYPES + "bid-not-valid"));
    }

    @Test
    void a_withdrawal_before_the_deadline_gets_a_receipt_of_its_own() {
        String tender = publishedAndRegistered("bidder1");
        String bid = oneShot("bidder1", tender, SealedBids.seal("bidder1", BIDDER_1, tender)).statusCode(201)
                .extract().path("facts.bidId");
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).delete("/api/bids/" + bid)
                .then().statusCode(200).body("facts.kind", equalTo("WITHDRAWN")).body("facts.bidId", equalTo(bid));
        as("bidder1").get("/api/tenders/" + tender + "/bids").then().body("[0].status", equalTo("WITHDRAWN"))
                .body("[0].receipts", hasSize(2));
    }

    @Test
    void nobody_but_the_bidder_sees_its_bids_receipts_or_uploads() {
        String tender = publishedAndRegistered("bidder1", "bidder2");
        var receipt = oneShot("bidder1", tender, SealedBids.seal("bidder1", BIDDER_1, tender)).statusCode(201)
                .extract().jsonPath();
        String receiptId = receipt.getString("id");
        String bidId = receipt.getString("facts.bidId");

        as("bidder2").get("/api/tenders/" + tender + "/bids").then().statusCode(200).body("$", hasSize(0));
        as("bidder2").get("/api/receipts/" + receiptId).then().statusCode(404);
        given().auth().preemptive().basic("bidder2", DemoData.PASSWORD).delete("/api/bids/" + bidId).then().statusCode(404);
        for (String who : new String[] {"agent", "admin", "supervisor"}) {
            as(who).get("/api/tenders/" + tender + "/bids").then().statusCode(403);
            as(who).get("/api/receipts/" + receiptId).then().statusCode(403);
            String view = as(who).get("/api/tenders/" + tender).then().statusCode(200).extract().asString();
            assertThat(view).doesNotContain(BIDDER_1).doesNotContainIgnoringCase("\"bids\"");
        }
    }

    @Inject
    org.tenderhall.bid.BidStorage storage;

    @Test
    void a_committed_envelope_that_changes_or_goes_missing_turns_readiness_down() throws Exception {
        String tender = publishedAndRegistered("bidder2");
        var bid = SealedBids.seal("bidder2", BIDDER_2, tender);
        String sha256 = oneShot("bidder2", tender, bid).statusCode(201).extract().path("facts.envelopeSha256");
        java.nio.file.Path file = store.path(sha256);
        try {
            byte[] flipped = bid.envelope().clone();
            flipped[100] ^= 1;
            Files.write(file, flipped);
            storage.rehash();
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'bid envelopes' }.status", equalTo("DOWN"));

            Files.delete(file);
            Files.write(file, bid.envelope());
            storage.rehash();
            given().get("/q/health/ready").then().statusCode(200);

            Files.delete(file);
            given().get("/q/health/ready").then().statusCode(503);
        } finally {
            Files.write(file, bid.envelope());
            storage.rehash();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void health_is_up_with_intact_envelopes() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'bid envelopes' }.status", equalTo("UP"));
    }
}
