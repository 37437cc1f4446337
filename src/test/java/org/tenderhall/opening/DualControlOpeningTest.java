package org.tenderhall.opening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.bidkit.Bidkit;
import org.tenderhall.identity.DemoData;
import org.tenderhall.openingkey.domain.KeyShares;
import org.tenderhall.openingkey.domain.ShareDocument;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.TestClock;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.Signer;
import org.tenderhall.tender.Tendering;

/**
 * Dual control, end to end: a draft puts its opening key under 2-of-3 custody (agent, supervisor, platform
 * operator); at the opening the platform waits, naming who is missing, until two custodians hand in their shares
 * with bidkit; wrong shares are refused and recorded.
 */
@QuarkusTest
class DualControlOpeningTest {

    static final String TYPES = ScheduledOpeningTest.TYPES;

    @TestHTTPResource("/")
    URL platform;

    @TempDir
    Path dir;

    @Inject
    AuditLog audit;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static Path custodianCertificate(String account) {
        return DemoPki.DIR.resolve("custodians/" + account + ".crt");
    }

    static String plan(int threshold, String... custodians) throws Exception {
        StringBuilder json = new StringBuilder("{\"custody\":\"DUAL_CONTROL\",\"threshold\":" + threshold
                + ",\"custodians\":[");
        for (int i = 0; i < custodians.length; i++) {
            String issuing = custodians[i].equals("supervisor") ? "ec-issuing" : "rsa-issuing"; // chain after it
            String pem = (Files.readString(custodianCertificate(custodians[i]))
                    + Files.readString(DemoPki.DIR.resolve("ca/" + issuing + ".crt"))).replace("\n", "\\n");
            json.append(i == 0 ? "" : ",").append("{\"account\":\"").append(custodians[i])
                    .append("\",\"certificate\":\"").append(pem).append("\"}");
        }
        return json.append("]}").toString();
    }

    private int share(String custodian) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), DemoData.PASSWORD + "\n");
        return Bidkit.run(TestClock.get(), new PrintWriter(out, true), new PrintWriter(err, true), "share", "--platform",
                platform.toString(), "--platform-ca", DemoPki.DIR.resolve("ca/platform-ca.crt").toString(),
                "--tender", currentTender, "--user", custodian, "--platform-password-file", password.toString(),
                "--key", DemoPki.DIR.resolve("custodians/" + custodian + ".p12").toString(),
                "--password-file", password.toString());
    }

    private String currentTender;

    private static JsonPath opening(String tender) {
        return as("agent").get("/api/tenders/" + tender + "/opening").then().extract().jsonPath();
    }

    @Test
    void two_of_three_custodians_open_the_bids_and_the_opening_waits_for_the_second() throws Exception {
        Instant deadline = ScheduledOpeningTest.soon();
        String tender = Tendering.draft("goods", Tendering.voluntary("goods", deadline));
        currentTender = tender;
        as("agent").body(plan(2, "agent", "supervisor", "admin")).put("/api/tenders/" + tender + "/opening-custody")
                .then().log().ifValidationFails().statusCode(200).body("custody", equalTo("DUAL_CONTROL")).body("threshold", equalTo(2));
        given().auth().preemptive().basic("agent", DemoData.PASSWORD).post("/api/tenders/" + tender + "/publish")
                .then().statusCode(200);
        for (String bidder : new String[] {"bidder1", "bidder2", "bidder3"}) {
            as(bidder).post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        }
        SealedBids.submit("bidder1", tender, ScheduledOpeningTest.sealed("bidder1", tender, "9650000.00")).statusCode(201);
        SealedBids.submit("bidder2", tender, ScheduledOpeningTest.sealed("bidder2", tender, "9480000.50")).statusCode(201);
        SealedBids.submit("bidder3", tender, ScheduledOpeningTest.sealedWithOpenssl("bidder3", tender, "9712345.67"))
                .statusCode(201);

        // Before the opening time no custodian gets its share.
        as("agent").get("/api/tenders/" + tender + "/opening/shares/mine").then().statusCode(409)
                .body("type", equalTo(TYPES + "opening-not-due"));

        TestClock.passTo(deadline);
        assertThat(opening(tender).getList("waitingFor")).containsExactly("agent", "supervisor", "admin");

        assertThat(share("agent")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Share 1 of the opening key of tender " + tender + " handed in by agent");
        TestClock.runTimedJobs(); // one share is not enough
        assertThat(opening(tender).getString("state")).isEqualTo("DECRYPTING");
        assertThat(opening(tender).getList("waitingFor")).containsExactly("supervisor", "admin");

        // Misuse, each refused, recorded, and without effect.
        X509Certificate transport = Pem.certificates(as("agent").get("/api/tenders/" + tender
                + "/opening/transport-certificate").then().statusCode(200).extract().asByteArray()).get(0);
        Signer agentKey = Signer.fromPkcs12(DemoPki.DIR.resolve("custodians/agent.p12"), DemoPki.PASSWORD);
        byte[] agentsShare = KeyEnvelopes.decrypt(as("agent").get("/api/tenders/" + tender + "/opening/shares/mine")
                .then().statusCode(200).extract().asByteArray(), agentKey.key(), agentKey.certificate());
        handIn("supervisor", tender, KeyEnvelopes.encrypt(agentsShare, transport)).statusCode(422)
                .body("type", equalTo(TYPES + "share-invalid")); // someone else's share
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] foreign = ShareDocument.of(UUID.randomUUID().toString(), new KeyShares.Share(2, random), 2, 3,
                "00".repeat(32)).bytes();
        handIn("supervisor", tender, KeyEnvelopes.encrypt(foreign, transport)).statusCode(422)
                .body("type", equalTo(TYPES + "share-of-another-tender"));
        handIn("supervisor", tender, "not a share".getBytes()).statusCode(422)
                .body("type", equalTo(TYPES + "share-invalid"));
        handIn("agent", tender, KeyEnvelopes.encrypt(agentsShare, transport)).statusCode(409)
                .body("type", equalTo(TYPES + "share-already-handed-in"));
        handIn("bidder1", tender, KeyEnvelopes.encrypt(agentsShare, transport)).statusCode(403);
        assertThat(audit.forSubject("tender:" + tender)).filteredOn(e -> e.action.equals("KeyShareRefused")).hasSize(5);
        assertThat(opening(tender).getList("waitingFor")).containsExactly("supervisor", "admin");

        assertThat(share("supervisor")).as(err.toString()).isZero();
        JsonPath record = ScheduledOpeningTest.recorded(tender);
        assertThat(record.getString("custody")).isEqualTo("DUAL_CONTROL");
        assertThat(record.getList("lines.outcome")).containsOnly("OPENED").hasSize(3);
        assertThat(record.getList("lines.price", String.class)).containsExactly("9650000.00", "9480000.50", "9712345.67");
        assertThat(audit.forSubject("tender:" + tender).stream().map(e -> e.action).toList())
                .contains("OpeningCustodyPlanned", "KeyShareHandedIn", "OpeningKeyReconstructed")
                .doesNotContain("OpeningKeyUnwrapped");
        assertThat(audit.forSubject("tender:" + tender)).filteredOn(e -> e.action.equals("OpeningKeyReconstructed"))
                .singleElement().satisfies(e -> assertThat(e.data).contains("agent", "supervisor"));
        as("agent").get("/api/tenders/" + tender + "/opening/events").then().statusCode(200);
    }

    @Test
    void a_custody_plan_is_checked_whole() throws Exception {
        String tender = Tendering.draft("goods", Tendering.voluntary("goods", TestClock.now().plusSeconds(3600)));
        as("agent").body(plan(4, "agent", "supervisor", "admin")).put("/api/tenders/" + tender + "/opening-custody")
                .then().statusCode(422).body("errors.field", contains("threshold"));
        as("agent").body(plan(2, "agent", "supervisor").replace("\"account\":\"supervisor\"", "\"account\":\"bidder1\""))
                .put("/api/tenders/" + tender + "/opening-custody")
                .then().statusCode(422).body("errors.field", contains("custodians[1].account"));
        // the supervisor's certificate named for the agent's account: of another organisation
        String swapped = plan(2, "agent", "supervisor").replace("\"account\":\"supervisor\"", "\"account\":\"admin\"");
        as("agent").body(swapped).put("/api/tenders/" + tender + "/opening-custody")
                .then().statusCode(422).body("type", equalTo(TYPES + "wrong-organisation"));
        as("supervisor").body(plan(2, "agent", "supervisor")).put("/api/tenders/" + tender + "/opening-custody")
                .then().statusCode(403);
        List<String> actions = audit.forSubject("tender:" + tender).stream().map(e -> e.action).toList();
        assertThat(actions).doesNotContain("OpeningCustodyPlanned");
    }

    private static io.restassured.response.ValidatableResponse handIn(String account, String tender, byte[] body) {
        return given().auth().preemptive().basic(account, DemoData.PASSWORD).contentType("application/pkcs7-mime")
                .body(body).post("/api/tenders/" + tender + "/opening/shares").then();
    }
}
