package org.tenderhall.bid.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

/**
 * How many bids a tender has is secret until its opening: nothing public, and nothing a bidder receives, moves
 * when bids or registrations arrive.
 */
@QuarkusTest
class NothingCountsBidsTest {

    /**
     * The figures of the process itself (memory, threads, CPU, uptime), which move on their own, and the request
     * timers' maxima, which fall back to 0 when their time window rolls over (a path of its own would still show
     * in its count line).
     */
    private static final Pattern PROCESS_FIGURES = Pattern.compile("(# (HELP|TYPE) )?(jvm|process|system)_.*"
            + "|(# (HELP|TYPE) )?http_server_requests_seconds_max.*");

    private static List<String> publicMetrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !PROCESS_FIGURES.matcher(line).matches()).toList();
    }

    @Test
    void the_public_metrics_are_the_same_line_for_line_before_and_after_four_bids_and_a_registration() {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        for (String bidder : List.of("bidder1", "bidder2", "bidder3")) {
            as(bidder).post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        }
        var certificate = SealedBids.openingCertificate(tender);
        List<SealedBids.Sealed> bids = List.of(
                SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender, certificate, 4096),
                SealedBids.seal("bidder2", DemoData.BIDDER_2.code().value(), tender, certificate, 4096),
                SealedBids.seal("bidder3", DemoData.BIDDER_3.code().value(), tender, certificate, 4096),
                SealedBids.seal("bidder4", DemoData.BIDDER_4.code().value(), tender, certificate, 4096));
        publicMetrics(); // a first scrape, so that the one before is not the first
        List<String> before = publicMetrics();

        as("bidder4").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        SealedBids.submit("bidder1", tender, bids.get(0)).statusCode(201);
        SealedBids.submit("bidder2", tender, bids.get(1)).statusCode(201);
        SealedBids.submit("bidder3", tender, bids.get(2)).statusCode(201);
        SealedBids.submit("bidder4", tender, bids.get(3)).statusCode(201);

        assertThat(publicMetrics()).containsExactlyElementsOf(before);
    }

    @Test
    void a_bidders_receipts_do_not_move_when_another_organisations_bids_arrive() {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        for (String bidder : List.of("bidder1", "bidder2")) {
            as(bidder).post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        }
        String island = DemoData.BIDDER_1.code().value();
        String bluewater = DemoData.BIDDER_2.code().value();

        JsonPath first = SealedBids.submit("bidder1", tender, SealedBids.seal("bidder1", island, tender))
                .statusCode(201).extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            SealedBids.submit("bidder2", tender, SealedBids.seal("bidder2", bluewater, tender)).statusCode(201);
        }
        JsonPath second = SealedBids.submit("bidder1", tender, SealedBids.seal("bidder1", island, tender))
                .statusCode(201).extract().jsonPath();

        assertThat(first.getLong("facts.sequence")).isEqualTo(1);
        assertThat(second.getLong("facts.sequence")).isEqualTo(2);
        // The receipt's numbers are its own: no position in a platform-wide log or count.
        assertThat(second.getMap("facts").keySet()).containsExactlyInAnyOrder("receipt", "kind", "sequence",
                "tenderId", "lot", "bidder", "bidId", "envelopeSha256", "size", "receivedAt", "issuedAt", "auditLeaf",
                "issuer");
    }
}
