package org.tenderhall.bid.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.tenderhall.Api.as;
import static org.tenderhall.bid.api.BidSubmissionTest.commit;
import static org.tenderhall.bid.api.BidSubmissionTest.create;
import static org.tenderhall.bid.api.BidSubmissionTest.patch;
import static org.tenderhall.bid.api.BidSubmissionTest.publishedAndRegistered;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.opening.ScheduledOpeningTest;
import org.tenderhall.opening.ScheduledOpeningTest.OpensslChoices;
import org.tenderhall.platform.TestClock;
import org.tenderhall.seal.Openssl;
import org.tenderhall.tender.Tendering;

/** Every kind of bad bid is refused with its own problem, nothing is stored as a bid, and the audit log says why. */
@QuarkusTest
class BidRejectionTest {

    static final String TYPES = "https://tenderhall.org/problems/";
    static final String BIDDER_1 = DemoData.BIDDER_1.code().value();
    static final String BIDDER_3 = DemoData.BIDDER_3.code().value();

    @Inject
    AuditLog audit;

    /** Uploads the whole envelope and commits it. */
    static ValidatableResponse submit(String account, String tenderId, byte[] envelope, byte[] signature) {
        String upload = create(account, tenderId, envelope.length, signature).statusCode(201).extract().path("id");
        patch(account, upload, 0, envelope).statusCode(204);
        return commit(account, upload);
    }

    private void assertRefused(String account, String tenderId, String reason) {
        as(account).get("/api/tenders/" + tenderId + "/bids").then().statusCode(200).body("$", hasSize(0));
        assertThat(audit.forSubject("tender:" + tenderId)).anySatisfy(e -> {
            assertThat(e.action).isIn("BidRejected", "BidUploadRefused");
            assertThat(e.data).contains("\"reason\":\"" + reason + "\"");
        });
    }

    @Test
    void a_revoked_certificate_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1-revoked", BIDDER_1, tender, SealedBids.openingCertificate(tender), 100);
        submit("bidder1", tender, bid.envelope(), bid.signature()).statusCode(422).body("type", equalTo(TYPES + "revoked"));
        assertRefused("bidder1", tender, "revoked");
    }

    @Test
    void an_expired_certificate_is_refused() {
        String tender = publishedAndRegistered("bidder3");
        var bid = SealedBids.seal("bidder3-expired", BIDDER_3, tender, SealedBids.openingCertificate(tender), 100);
        submit("bidder3", tender, bid.envelope(), bid.signature()).statusCode(422).body("type", equalTo(TYPES + "expired"));
        assertRefused("bidder3", tender, "expired");
    }

    @Test
    void a_certificate_of_an_untrusted_ca_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal(SealedBids.untrusted(BIDDER_1), BIDDER_1, tender, SealedBids.openingCertificate(tender));
        submit("bidder1", tender, bid.envelope(), bid.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "untrusted-ca"));
        assertRefused("bidder1", tender, "untrusted-ca");
    }

    @Test
    void a_certificate_of_another_organisation_is_refused() {
        String tender = publishedAndRegistered("bidder1", "bidder3");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        submit("bidder3", tender, bid.envelope(), bid.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "wrong-organisation"));
        assertRefused("bidder3", tender, "wrong-organisation");
    }

    @Test
    void a_bid_not_encrypted_to_the_opening_certificate_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var elsewhere = DemoPki.x509(DemoPki.DIR.resolve("platform/opening-demo.crt"));
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender, elsewhere, 100);
        submit("bidder1", tender, bid.envelope(), bid.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "not-encrypted-to-opening-certificate"));
        assertRefused("bidder1", tender, "not-encrypted-to-opening-certificate");
    }

    @Test
    void a_signature_over_different_bytes_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        var other = SealedBids.seal("bidder1", BIDDER_1, tender);
        submit("bidder1", tender, bid.envelope(), other.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "tampered-envelope"));
        assertRefused("bidder1", tender, "tampered-envelope");
    }

    @Test
    void a_flipped_byte_in_the_envelope_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        byte[] flipped = bid.envelope().clone();
        flipped[flipped.length / 2] ^= 0x01;
        submit("bidder1", tender, flipped, bid.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "tampered-envelope"));
    }

    @Test
    void a_truncated_envelope_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        byte[] cut = Arrays.copyOf(bid.envelope(), bid.envelope().length - 100);
        submit("bidder1", tender, cut, bid.signature()).statusCode(422).body("type", equalTo(TYPES + "truncated-envelope"));
        assertRefused("bidder1", tender, "truncated-envelope");
    }

    @Test
    void garbage_signed_correctly_is_refused_as_no_envelope() {
        String tender = publishedAndRegistered("bidder1");
        byte[] garbage = new byte[5000];
        new java.util.Random(7).nextBytes(garbage);
        byte[] signature = SealedBids.detachedSignature(DemoPki.load("bidder1"), garbage);
        submit("bidder1", tender, garbage, signature).statusCode(422).body("type", equalTo(TYPES + "malformed-envelope"));
        assertRefused("bidder1", tender, "malformed-envelope");
    }

    @Test
    void a_signature_that_is_no_cms_is_refused_before_any_byte_is_sent() {
        String tender = publishedAndRegistered("bidder1");
        create("bidder1", tender, 1000, "not a signature".getBytes()).statusCode(422)
                .body("type", equalTo(TYPES + "malformed-envelope"));
        assertRefused("bidder1", tender, "malformed-envelope");
    }

    @Test
    void an_envelope_sealed_as_pem_with_openssl_is_refused_saying_to_send_the_der_bytes() throws Exception {
        String tender = publishedAndRegistered("bidder1");
        var bid = ScheduledOpeningTest.sealedWithOpenssl("bidder1", tender, "1000.00",
                new OpensslChoices("DER", List.of(), "PEM", List.of(), "DER"));
        submit("bidder1", tender, bid.envelope(), bid.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "malformed-envelope"))
                .body("detail", containsString("The envelope is PEM; send the DER bytes"))
                .body("detail", containsString("-outform DER"))
                .body("detail", not(containsString("DL object")));
        assertRefused("bidder1", tender, "malformed-envelope");
    }

    @Test
    void an_rsa_pss_signature_with_other_parameters_than_sha256_is_refused_saying_which() throws Exception {
        String tender = publishedAndRegistered("bidder1");
        var bid = ScheduledOpeningTest.sealedWithOpenssl("bidder1", tender, "1000.00", new OpensslChoices("DER",
                List.of(), "DER", List.of("-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_mgf1_md:sha1"), "DER"));
        submit("bidder1", tender, bid.envelope(), bid.signature()).statusCode(422)
                .body("type", equalTo(TYPES + "malformed-envelope"))
                .body("detail", containsString("RSASSA-PSS signatures are taken with SHA-256 and MGF1 with SHA-256"))
                .body("detail", not(containsString("Exception")));
        assertRefused("bidder1", tender, "malformed-envelope");
    }

    @Test
    void an_outer_signature_in_s_mime_is_refused_before_any_byte_is_sent_saying_to_send_der() throws Exception {
        String tender = publishedAndRegistered("bidder1");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("smime-signature");
        java.nio.file.Files.write(dir.resolve("bid.cms"), new byte[100]);
        Openssl.ok(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", "bid.cms", "-signer",
                DemoPki.certificate("bidder1").toAbsolutePath().toString(), "-inkey",
                Openssl.privateKey(dir, "bidder1").toString(), "-out", "bid.cms.p7s"); // S/MIME: openssl's default
        create("bidder1", tender, 100, java.nio.file.Files.readAllBytes(dir.resolve("bid.cms.p7s"))).statusCode(422)
                .body("type", equalTo(TYPES + "malformed-envelope"))
                .body("detail", containsString("The outer signature is S/MIME"))
                .body("detail", containsString("-outform DER"));
        assertRefused("bidder1", tender, "malformed-envelope");
    }

    @Test
    void an_empty_bid_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        create("bidder1", tender, 0, bid.signature()).statusCode(422).body("type", equalTo(TYPES + "empty-bid"));
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).contentType("application/octet-stream")
                .header("Bid-Signature", Base64.getEncoder().encodeToString(bid.signature())).body(new byte[0])
                .post("/api/tenders/" + tender + "/bids").then().statusCode(422).body("type", equalTo(TYPES + "empty-bid"));
        assertRefused("bidder1", tender, "empty-bid");
    }

    @Test
    void a_bid_over_the_size_limit_is_refused_before_any_byte_is_sent() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        create("bidder1", tender, 3L * 1024 * 1024 * 1024, bid.signature()).statusCode(413)
                .body("type", equalTo(TYPES + "bid-too-large"));
    }

    @Test
    void more_bytes_than_declared_are_refused_and_not_kept() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        String upload = create("bidder1", tender, 10, bid.signature()).statusCode(201).extract().path("id");
        patch("bidder1", upload, 0, bid.envelope()).statusCode(413).body("type", equalTo(TYPES + "longer-than-declared"));
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).head("/api/bids/uploads/" + upload)
                .then().header("Upload-Offset", "10");
    }

    @Test
    void a_bid_whose_last_byte_arrives_after_the_deadline_is_late_however_early_it_started() throws Exception {
        String tender = Tendering.published("goods", Tendering.voluntary("goods", TestClock.now().plusSeconds(600)));
        as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        String upload = create("bidder1", tender, bid.envelope().length, bid.signature()).statusCode(201)
                .extract().path("id");
        patch("bidder1", upload, 0, Arrays.copyOf(bid.envelope(), 100)).statusCode(204);
        TestClock.get().advance(Duration.ofSeconds(601));
        patch("bidder1", upload, 100, Arrays.copyOfRange(bid.envelope(), 100, bid.envelope().length)).statusCode(204);
        commit("bidder1", upload).statusCode(409).body("type", equalTo(TYPES + "bid-late"));
        assertRefused("bidder1", tender, "bid-late");
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).get("/api/bids/uploads/" + upload)
                .then().body("state", equalTo("REJECTED"));
    }

    @Test
    void a_bid_for_a_draft_or_a_cancelled_tender_is_refused() {
        String draft = Tendering.draft("goods", Tendering.example("goods"));
        var bid = SealedBids.seal("bidder1", BIDDER_1, publishedAndRegistered("bidder1"));
        create("bidder1", draft, bid.envelope().length, bid.signature()).statusCode(404);

        String cancelled = publishedAndRegistered("bidder1");
        as("agent").body("{\"reason\":\"项目取消\"}").post("/api/tenders/" + cancelled + "/cancel").then().statusCode(200);
        create("bidder1", cancelled, bid.envelope().length, bid.signature()).statusCode(409)
                .body("type", equalTo(TYPES + "bidding-not-open"));
    }

    @Test
    void a_bidder_that_did_not_register_is_refused() {
        String tender = publishedAndRegistered();
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        create("bidder1", tender, bid.envelope().length, bid.signature()).statusCode(409)
                .body("type", equalTo(TYPES + "not-registered"));
    }

    @Test
    void a_second_concurrent_upload_by_the_same_bidder_is_refused() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        String first = create("bidder1", tender, bid.envelope().length, bid.signature()).statusCode(201)
                .extract().path("id");
        create("bidder1", tender, bid.envelope().length, bid.signature()).statusCode(409)
                .body("type", equalTo(TYPES + "upload-in-progress"));
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).delete("/api/bids/uploads/" + first)
                .then().statusCode(204);
        create("bidder1", tender, bid.envelope().length, bid.signature()).statusCode(201);
    }

    @Test
    void bytes_for_an_upload_come_only_from_its_own_bidder_signed_in_with_the_right_content_type() {
        String tender = publishedAndRegistered("bidder1");
        var bid = SealedBids.seal("bidder1", BIDDER_1, tender);
        String upload = create("bidder1", tender, bid.envelope().length, bid.signature()).statusCode(201)
                .extract().path("id");
        given().contentType("application/offset+octet-stream").header("Upload-Offset", 0).body(bid.envelope())
                .patch("/api/bids/uploads/" + upload).then().statusCode(401).body("type", equalTo(TYPES + "unauthenticated"));
        patch("bidder3", upload, 0, bid.envelope()).statusCode(404);
        patch("agent", upload, 0, bid.envelope()).statusCode(403);
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).contentType("text/plain")
                .header("Upload-Offset", 0).body("text").patch("/api/bids/uploads/" + upload).then().statusCode(415);
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).contentType("application/offset+octet-stream")
                .body(bid.envelope()).patch("/api/bids/uploads/" + upload).then().statusCode(400); // no Upload-Offset
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD).head("/api/bids/uploads/" + upload)
                .then().header("Upload-Offset", "0");
    }
}
