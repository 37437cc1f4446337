package org.tenderhall.bid.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

@QuarkusTest
class BidSubmissionTest {

    static final String BIDDER_1 = DemoData.BIDDER_1.code().value();

    @Inject
    AuditLog audit;

    @TempDir
    Path dir;

    static String publishedAndRegistered(String... bidders) {
        String id = Tendering.published("goods", Tendering.example("goods"));
        for (String bidder : bidders) {
            as(bidder).post("/api/tenders/" + id + "/registration").then().statusCode(200);
        }
        return id;
    }

    static ValidatableResponse create(String bidder, String tenderId, long size, byte[] signature) {
        return as(bidder).body("{\"lot\":\"1\",\"size\":" + size + ",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature) + "\"}")
                .post("/api/tenders/" + tenderId + "/bids/uploads").then();
    }

    static ValidatableResponse patch(String bidder, String upload, long offset, byte[] bytes) {
        return given().auth().preemptive().basic(bidder, DemoData.PASSWORD)
                .contentType("application/offset+octet-stream").header("Upload-Offset", offset).body(bytes)
                .patch("/api/bids/uploads/" + upload).then();
    }

    static ValidatableResponse commit(String bidder, String upload) {
        return given().auth().preemptive().basic(bidder, DemoData.PASSWORD)
                .post("/api/bids/uploads/" + upload + "/commit").then();
    }

    @Test
    void a_sealed_bid_uploaded_in_pieces_and_resumed_is_committed_with_a_receipt_openssl_verifies() throws Exception {
        String tenderId = publishedAndRegistered("bidder1");
        SealedBids.Sealed bid = SealedBids.seal("bidder1", BIDDER_1, tenderId, SealedBids.openingCertificate(tenderId),
                200_000);
        String upload = create("bidder1", tenderId, bid.envelope().length, bid.signature()).statusCode(201)
                .extract().path("id");

        int half = bid.envelope().length / 2;
        patch("bidder1", upload, 0, Arrays.copyOf(bid.envelope(), half)).statusCode(204)
                .header("Upload-Offset", String.valueOf(half));
        patch("bidder1", upload, 0, bid.envelope()).statusCode(409) // a stale offset: told where the upload stands
                .body("type", equalTo("https://tenderhall.org/problems/upload-offset-mismatch"))
                .header("Upload-Offset", String.valueOf(half));
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).head("/api/bids/uploads/" + upload)
                .then().statusCode(200).header("Upload-Offset", String.valueOf(half));
        commit("bidder1", upload).statusCode(409)
                .body("type", equalTo("https://tenderhall.org/problems/upload-incomplete"));
        patch("bidder1", upload, half, Arrays.copyOfRange(bid.envelope(), half, bid.envelope().length)).statusCode(204)
                .header("Upload-Offset", String.valueOf(bid.envelope().length));

        var receipt = commit("bidder1", upload).statusCode(201).extract().jsonPath();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bid.envelope()));
        assertThat(receipt.getString("facts.envelopeSha256")).isEqualTo(sha256);
        assertThat(receipt.getString("facts.bidder")).isEqualTo(BIDDER_1);
        assertThat(receipt.getString("facts.tenderId")).isEqualTo(tenderId);
        assertThat(receipt.getLong("facts.size")).isEqualTo(bid.envelope().length);
        assertThat(receipt.getString("facts.receivedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
        String auditLeaf = receipt.getString("facts.auditLeaf");
        assertThat(audit.forSubject("tender:" + tenderId)).filteredOn(e -> HexFormat.of().formatHex(e.leafHash)
                .equals(auditLeaf)).singleElement().satisfies(e -> assertThat(e.action).isEqualTo("BidSubmitted"));

        Path json = Files.write(dir.resolve("receipt.json"), Base64.getDecoder().decode(receipt.getString("content")));
        Path p7s = Files.write(dir.resolve("receipt.p7s"), Base64.getDecoder().decode(receipt.getString("signature")));
        Path tst = Files.write(dir.resolve("receipt.tst"), Base64.getDecoder().decode(receipt.getString("timestamp")));
        String ca = DemoPki.DIR.resolve("ca/platform-ca.crt").toString();
        assertThat(openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", p7s.toString(), "-content",
                json.toString(), "-CAfile", ca, "-purpose", "any", "-out", dir.resolve("out").toString()))
                .contains("Verification successful");
        assertThat(openssl("ts", "-verify", "-data", json.toString(), "-in", tst.toString(), "-token_in", "-CAfile", ca))
                .contains("Verification: OK");

        as("bidder1").get("/api/tenders/" + tenderId + "/bids").then().statusCode(200).body("$", hasSize(1))
                .body("[0].status", equalTo("VALID")).body("[0].envelopeSha256", equalTo(sha256));
    }

    private String openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
