package org.tenderhall.opening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.bidkit.Bidkit;
import org.tenderhall.identity.DemoData;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.TestClock;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.BidSealer;
import org.tenderhall.seal.ContentKeyDocument;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.SealProfile;
import org.tenderhall.tender.Tendering;

/**
 * Bidder decrypts, end to end: nobody keeps the opening key; at the opening each bidder takes its content key out
 * with its own key (bidkit decrypt) and hands it in; a bidder who does not, by the end of the window, is revoked
 * (撤销) and the opening goes on for the others. The test moves the clock past the window.
 */
@QuarkusTest
class BidderDecryptionTest {

    static final String TYPES = ScheduledOpeningTest.TYPES;

    @TestHTTPResource("/")
    URL platform;

    @TempDir
    Path dir;

    @Inject
    AuditLog audit;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int decrypt(String bidder, String tender, Path envelope) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), DemoData.PASSWORD + "\n");
        return Bidkit.run(TestClock.get(), new PrintWriter(out, true), new PrintWriter(err, true), "decrypt", "--envelope",
                envelope.toString(), "--platform", platform.toString(), "--platform-ca",
                DemoPki.DIR.resolve("ca/platform-ca.crt").toString(), "--tender", tender, "--user", bidder,
                "--platform-password-file", password.toString(), "--key", DemoPki.p12(bidder).toString(),
                "--password-file", password.toString());
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static io.restassured.response.ValidatableResponse handIn(String bidder, String tender, byte[] body) {
        return given().auth().preemptive().basic(bidder, DemoData.PASSWORD).contentType("application/pkcs7-mime")
                .body(body).post("/api/tenders/" + tender + "/opening/keys").then();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void each_bidder_decrypts_its_own_bid_and_one_that_does_not_is_revoked() throws Exception {
        Instant deadline = ScheduledOpeningTest.soon();
        String tender = Tendering.draft("goods", Tendering.voluntary("goods", deadline));
        as("agent").body("{\"custody\":\"BIDDER_DECRYPTS\"}").put("/api/tenders/" + tender + "/opening-custody")
                .then().statusCode(200).body("custody", equalTo("BIDDER_DECRYPTS"));
        given().auth().preemptive().basic("agent", DemoData.PASSWORD).post("/api/tenders/" + tender + "/publish")
                .then().statusCode(200);
        for (String bidder : new String[] {"bidder1", "bidder2", "bidder3", "bidder4"}) {
            as(bidder).post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        }
        X509Certificate opening = SealedBids.openingCertificate(tender);

        // A bid sealed to the opening certificate only could not be decrypted by its bidder: refused.
        Path lonely = dir.resolve("lonely");
        Files.createDirectories(lonely);
        BidSealer.seal(new ByteArrayInputStream(SealedBids.bidPackage(ScheduledOpeningTest.manifest(tender, "bidder1",
                "1.00"), 100)), DemoPki.load("bidder1"), new BidBinding(tender, "1", ScheduledOpeningTest.ORGANISATION
                .get("bidder1")), List.of(opening), SealProfile.AES_256_CBC, lonely.resolve("bid.cms"),
                lonely.resolve("bid.cms.p7s"));
        SealedBids.submit("bidder1", tender, new SealedBids.Sealed(Files.readAllBytes(lonely.resolve("bid.cms")),
                Files.readAllBytes(lonely.resolve("bid.cms.p7s")))).statusCode(422)
                .body("type", equalTo(TYPES + "not-encrypted-to-bidder"));

        SealedBids.Sealed bid1 = ScheduledOpeningTest.sealed("bidder1", tender, "9650000.00");
        SealedBids.Sealed bid2 = ScheduledOpeningTest.sealed("bidder2", tender, "9480000.50");
        SealedBids.Sealed bid3 = ScheduledOpeningTest.sealedWithOpenssl("bidder3", tender, "9712345.67");
        SealedBids.Sealed bid4 = ScheduledOpeningTest.sealed("bidder4", tender, "9100000.00");
        SealedBids.submit("bidder1", tender, bid1).statusCode(201);
        SealedBids.submit("bidder2", tender, bid2).statusCode(201);
        SealedBids.submit("bidder3", tender, bid3).statusCode(201);
        SealedBids.submit("bidder4", tender, bid4).statusCode(201);

        // Before the opening time no key is taken.
        handIn("bidder1", tender, new byte[] {0x30, 0x00}).statusCode(409).body("type", equalTo(TYPES + "opening-not-due"));

        TestClock.passTo(deadline);
        JsonPath started = as("agent").get("/api/tenders/" + tender + "/opening").then().statusCode(200).extract().jsonPath();
        assertThat(started.getString("custody")).isEqualTo("BIDDER_DECRYPTS");
        assertThat(started.getString("decryptionUntil")).isNotNull();

        assertThat(decrypt("bidder1", tender, file("bid1.cms", bid1.envelope()))).as(err.toString()).isZero();
        assertThat(decrypt("bidder2", tender, file("bid2.cms", bid2.envelope()))).as(err.toString()).isZero();
        assertThat(decrypt("bidder3", tender, file("bid3.cms", bid3.envelope()))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("handed in for the opening of tender " + tender);

        // Misuse, each refused, recorded, and without effect.
        X509Certificate transport = Pem.certificates(as("bidder4").get("/api/tenders/" + tender
                + "/opening/transport-certificate").then().statusCode(200).extract().asByteArray()).get(0);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        handIn("bidder4", tender, KeyEnvelopes.encrypt(ContentKeyDocument.of(tender, sha256(bid2.envelope()), random)
                .bytes(), transport)).statusCode(422).body("type", equalTo(TYPES + "key-for-another-bid"));
        handIn("bidder4", tender, KeyEnvelopes.encrypt(ContentKeyDocument.of(tender, sha256(bid4.envelope()), random)
                .bytes(), transport)).statusCode(422).body("type", equalTo(TYPES + "key-does-not-decrypt"));
        handIn("bidder4", tender, "garbage".getBytes()).statusCode(422).body("type", equalTo(TYPES + "key-invalid"));
        err.getBuffer().setLength(0);
        assertThat(decrypt("bidder1", tender, file("bid1.cms", bid1.envelope()))).isNotZero();
        assertThat(err.toString()).contains("key-already-handed-in");
        assertThat(audit.forSubject("tender:" + tender)).filteredOn(e -> e.action.equals("ContentKeyRefused")).hasSize(5);

        // bidder 4 never decrypts: at the end of the window its bid is revoked and the record completes.
        TestClock.passTo(Instant.parse(started.getString("decryptionUntil")));
        JsonPath record = ScheduledOpeningTest.recorded(tender);
        assertThat(record.getList("lines.bidder")).containsExactly(ScheduledOpeningTest.ORGANISATION.get("bidder1"),
                ScheduledOpeningTest.ORGANISATION.get("bidder2"), ScheduledOpeningTest.ORGANISATION.get("bidder3"),
                ScheduledOpeningTest.ORGANISATION.get("bidder4"));
        assertThat(record.getList("lines.outcome")).containsExactly("OPENED", "OPENED", "OPENED", "REVOKED");
        assertThat(record.getList("lines.price", String.class)).containsExactly("9650000.00", "9480000.50",
                "9712345.67", null);
        assertThat(record.getString("lines[3].reason")).contains("did not decrypt");
        handIn("bidder4", tender, "late".getBytes()).statusCode(409).body("type", equalTo(TYPES + "decryption-window-closed"));
        assertThat(audit.forSubject("tender:" + tender).stream().map(e -> e.action).toList())
                .contains("ContentKeyHandedIn", "BidRevoked", "OpeningRecorded")
                .doesNotContain("OpeningKeyUnwrapped", "OpeningKeyReconstructed");
    }
}
