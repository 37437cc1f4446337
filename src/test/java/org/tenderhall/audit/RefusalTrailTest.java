package org.tenderhall.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.platform.TestClock;
import org.tenderhall.tender.Tendering;

/**
 * Every kind of refusal a command can get (docs/api.md, Problems) leaves exactly one audit event, whichever
 * capability refused: the actor (or the user name a failed sign-in claimed), the request, its subject and the
 * problem type. Refusals of reads are not recorded, failed sign-ins always are.
 */
@QuarkusTest
class RefusalTrailTest {

    private static final String PROBLEMS = "https://tenderhall.org/problems/";
    private static final String OTHER_PASSWORD = "other-agency-password";

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    /** One refused request, sent with the given request id, and the event it must leave. */
    record Refusal(String name, Function<String, Response> send, int status, String problem, String action,
            String actor, String subject) {
    }

    private static RequestSpecification as(String account, String requestId) {
        return Api.as(account).header("X-Request-Id", requestId);
    }

    private static RequestSpecification anonymous(String requestId) {
        return given().header("X-Request-Id", requestId);
    }

    private List<AuditEvent> eventsOf(String requestId) {
        return audit.forRequest(requestId);
    }

    @Test
    void every_refusal_of_a_command_and_every_failed_sign_in_leaves_exactly_one_event() {
        // Another agency, with an agent of its own.
        String otherAgency = Api.freshCreditCode();
        Api.as("admin").body("{\"code\":\"" + otherAgency + "\",\"name\":\"另一代理 Other Agency\"}")
                .post("/api/organisations").then().statusCode(201);
        String otherAgent = "agent-" + otherAgency.substring(8, 16).toLowerCase();
        Api.as("admin").body("{\"username\":\"" + otherAgent + "\",\"displayName\":\"Other agent\",\"password\":\""
                + OTHER_PASSWORD + "\",\"role\":\"agent\",\"organisation\":\"" + otherAgency + "\"}")
                .post("/api/accounts").then().statusCode(201);

        // A published tender bidder1 and bidder3 registered for, a draft, and a tender whose deadline has passed.
        String tender = Tendering.published("goods", Tendering.example("goods"));
        for (String bidder : List.of("bidder1", "bidder3")) {
            Api.as(bidder).post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        }
        String draft = Tendering.draft("goods", Tendering.example("goods"));
        String late = Tendering.published("goods", Tendering.example("goods"));
        Api.as("bidder1").post("/api/tenders/" + late + "/registration").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update tender set bid_deadline = :past"
                + " where id = :id").setParameter("past", TestClock.now().minus(1, ChronoUnit.MINUTES))
                .setParameter("id", UUID.fromString(late)).executeUpdate());
        // A cancelled tender bidder2 had registered for.
        String cancelled = Tendering.published("goods", Tendering.example("goods"));
        Api.as("bidder2").post("/api/tenders/" + cancelled + "/registration").then().statusCode(200);
        Api.as("agent").body("{\"reason\":\"项目取消\"}").post("/api/tenders/" + cancelled + "/cancel").then()
                .statusCode(200);

        // bidder1's upload in progress, and bidder3's valid bid.
        SealedBids.Sealed sealed = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender);
        String signature = Base64.getEncoder().encodeToString(sealed.signature());
        String upload = Api.as("bidder1").body("{\"lot\":\"1\",\"size\":" + sealed.envelope().length
                + ",\"signature\":\"" + signature + "\"}").post("/api/tenders/" + tender + "/bids/uploads").then()
                .statusCode(201).extract().path("id");
        String bid = SealedBids.submit("bidder3", tender, SealedBids.seal("bidder3", DemoData.BIDDER_3.code().value(),
                tender)).statusCode(201).extract().path("facts.bidId");

        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String organisation = "{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"X\"}";
        String amendment = "{\"summary\":\"改\",\"affectsBidPreparation\":false,\"values\":{\"deliveryDays\":100}}";
        String newUpload = "{\"lot\":\"1\",\"size\":%d,\"signature\":\"" + signature + "\"}";
        String t = "tender:" + tender;
        String agentSession = given().redirects().follow(false).header("Origin", "http://localhost:" + RestAssured.port)
                .formParam("j_username", "agent").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check").then().statusCode(302).extract().cookie("quarkus-credential");
        List<Refusal> refusals = List.of(
                // Refused by the HTTP layer before any resource: answered and recorded all the same.
                new Refusal("a form posted from another site with the agent's cookie", id -> anonymous(id)
                        .cookie("quarkus-credential", agentSession).header("Origin", "https://bids.attacker.example")
                        .post("/api/tenders/" + draft + "/publish"), 403, "cross-site-request", "CommandRefused", null,
                        "/api/tenders/" + draft + "/publish"), // no resource matched yet: the path is the subject
                new Refusal("an over-long URL", id -> as("admin", id).body(organisation)
                        .post("/api/organisations?x=" + "a".repeat(5000)), 414, "uri-too-long", "CommandRefused", null,
                        "/api/organisations"),
                new Refusal("a path parameter that is not a tender id", id -> as("agent", id)
                        .post("/api/tenders/not-a-tender/publish"), 400, "invalid-parameter", "CommandRefused", "agent",
                        "tender:not-a-tender"),
                // Sign-ins: recorded whatever the method, under the claimed name.
                new Refusal("wrong Basic password", id -> given().header("X-Request-Id", id).auth().preemptive()
                        .basic(otherAgent, "not-the-password").get("/api/me"),
                        401, "unauthenticated", "SignInFailed", otherAgent, "account:" + otherAgent),
                new Refusal("unknown user on a command", id -> anonymous(id).auth().preemptive().basic(ghost, "whatever")
                        .contentType(ContentType.JSON).body(organisation).post("/api/organisations"),
                        401, "unauthenticated", "SignInFailed", ghost, "account:" + ghost),
                new Refusal("failed form login", id -> anonymous(id).redirects().follow(false)
                        .formParam("j_username", otherAgent).formParam("j_password", "wrong").post("/j_security_check"),
                        302, "unauthenticated", "SignInFailed", otherAgent, "account:" + otherAgent),
                // Identity and the general refusals of input.
                new Refusal("no credentials", id -> anonymous(id).contentType(ContentType.JSON).body(organisation)
                        .post("/api/organisations"), 401, "unauthenticated", "CommandRefused", "anonymous",
                        "/api/organisations"),
                new Refusal("malformed JSON", id -> as("admin", id).body("{\"code\":").post("/api/organisations"),
                        400, "malformed-json", "CommandRefused", "admin", "/api/organisations"),
                new Refusal("unknown field", id -> as("admin", id).body("{\"code\":\"x\",\"name\":\"X\",\"colour\":1}")
                        .post("/api/organisations"), 400, "unknown-field", "CommandRefused", "admin", "/api/organisations"),
                new Refusal("wrong JSON type", id -> as("admin", id).body("{\"code\":[1],\"name\":\"X\"}")
                        .post("/api/organisations"), 400, "invalid-body", "CommandRefused", "admin", "/api/organisations"),
                new Refusal("invalid field", id -> as("admin", id).body("{\"code\":\"" + Api.withWrongCheckCharacter(
                        Api.freshCreditCode()) + "\",\"name\":\"X\"}").post("/api/organisations"),
                        422, "validation-failed", "CommandRefused", "admin", "/api/organisations"),
                new Refusal("a kind of refusal the trail does not know, from a filter", id -> as("admin", id)
                        .header(UnknownKindOfRefusal.HEADER, "yes").body(organisation).post("/api/organisations"),
                        429, UnknownKindOfRefusal.KIND.slug(), "CommandRefused", null, "/api/organisations"),
                new Refusal("a bidder creating an admin account", id -> as("bidder1", id).body("{\"username\":\"evil\","
                        + "\"displayName\":\"Evil\",\"password\":\"evil-password-1\",\"role\":\"admin\",\"organisation\":\""
                        + DemoData.BIDDER_1.code().value() + "\"}").post("/api/accounts"),
                        403, "forbidden", "CommandRefused", "bidder1", "/api/accounts"),
                new Refusal("no such tender", id -> as("agent", id).post("/api/tenders/" + UUID.fromString(
                        "00000000-0000-4000-8000-000000000001") + "/publish"), 404, "not-found", "CommandRefused",
                        "agent", "tender:00000000-0000-4000-8000-000000000001"),
                new Refusal("method not allowed", id -> as("admin", id).delete("/api/organisations"),
                        405, "method-not-allowed", "CommandRefused", null, "/api/organisations"),
                new Refusal("unsupported media type", id -> as("admin", id).contentType(ContentType.TEXT).body("x")
                        .post("/api/organisations"), 415, "unsupported-media-type", "CommandRefused", null,
                        "/api/organisations"),
                new Refusal("body over the limit", id -> as("admin", id).body("{\"name\":\"" + "x".repeat(1_100_000)
                        + "\"}").post("/api/organisations"), 413, "payload-too-large", "CommandRefused", null,
                        "/api/organisations"),
                new Refusal("organisation exists", id -> as("admin", id).body("{\"code\":\"" + otherAgency
                        + "\",\"name\":\"X\"}").post("/api/organisations"), 409, "organisation-exists", "CommandRefused",
                        "admin", "/api/organisations"),
                new Refusal("account exists", id -> as("admin", id).body("{\"username\":\"bidder1\",\"displayName\":\"B\","
                        + "\"password\":\"some-password-1\",\"role\":\"bidder\",\"organisation\":\""
                        + DemoData.BIDDER_1.code().value() + "\"}").post("/api/accounts"),
                        409, "account-exists", "CommandRefused", "admin", "/api/accounts"),
                new Refusal("unknown organisation", id -> as("admin", id).body("{\"username\":\"" + ghost + "\","
                        + "\"displayName\":\"G\",\"password\":\"some-password-1\",\"role\":\"bidder\",\"organisation\":\""
                        + Api.freshCreditCode() + "\"}").post("/api/accounts"),
                        422, "unknown-organisation", "CommandRefused", "admin", "/api/accounts"),
                new Refusal("not a certificate", id -> as("admin", id).body("{\"certificate\":\"not a PEM\"}")
                        .post("/api/trust/cas"), 422, "invalid-certificate", "CommandRefused", "admin", "/api/trust/cas"),
                new Refusal("a certificate check of nothing", id -> as("bidder1", id).body("{\"certificates\":\"x\","
                        + "\"organisation\":\"" + DemoData.BIDDER_1.code().value() + "\",\"purpose\":\"signing\"}")
                        .post("/api/trust/check"), 422, "invalid-certificate", "CommandRefused", "bidder1",
                        "/api/trust/check"),
                // Tenders.
                new Refusal("another agency cancelling", id -> Api.as(otherAgent).auth().preemptive().basic(otherAgent,
                        OTHER_PASSWORD).header("X-Request-Id", id).body("{\"reason\":\"抢\"}")
                        .post("/api/tenders/" + tender + "/cancel"),
                        403, "tender-of-another-organisation", "CommandRefused", otherAgent, t),
                new Refusal("another agency amending", id -> Api.as(otherAgent).auth().preemptive().basic(otherAgent,
                        OTHER_PASSWORD).header("X-Request-Id", id).body(amendment)
                        .post("/api/tenders/" + tender + "/amendments"),
                        403, "tender-of-another-organisation", "CommandRefused", otherAgent, t),
                new Refusal("another agency editing a draft", id -> Api.as(otherAgent).auth().preemptive()
                        .basic(otherAgent, OTHER_PASSWORD).header("X-Request-Id", id).body("{\"values\":{}}")
                        .put("/api/tenders/" + draft), 404, "not-found", "CommandRefused", otherAgent, "tender:" + draft),
                new Refusal("editing a published tender", id -> as("agent", id).body("{\"values\":{}}")
                        .put("/api/tenders/" + tender), 409, "tender-not-draft", "CommandRefused", "agent", t),
                new Refusal("publishing twice", id -> as("agent", id).post("/api/tenders/" + tender + "/publish"),
                        409, "tender-status-conflict", "CommandRefused", "agent", t),
                new Refusal("a draft breaking the rules", id -> as("agent", id).body("{\"template\":\"goods\","
                        + "\"values\":{}}").post("/api/tenders"), 422, "tender-rules-violated", "CommandRefused", "agent",
                        "/api/tenders"),
                new Refusal("registering after the deadline", id -> as("bidder2", id)
                        .post("/api/tenders/" + late + "/registration"), 409, "deadline-passed", "CommandRefused",
                        "bidder2", "tender:" + late),
                new Refusal("asking after the deadline", id -> as("bidder1", id).body("{\"question\":\"还能问吗？\"}")
                        .post("/api/tenders/" + late + "/clarifications"), 409, "deadline-passed", "CommandRefused",
                        "bidder1", "tender:" + late),
                new Refusal("asking unregistered", id -> as("bidder4", id).body("{\"question\":\"可以问吗？\"}")
                        .post("/api/tenders/" + tender + "/clarifications"), 409, "not-registered", "CommandRefused",
                        "bidder4", t),
                // Bids: refusals the upload records itself stay one event of their own name.
                new Refusal("bid too large", id -> as("bidder1", id).body(String.format(newUpload, 1L << 40))
                        .post("/api/tenders/" + tender + "/bids/uploads"), 413, "bid-too-large", "BidUploadRefused",
                        "bidder1", t),
                new Refusal("second upload under way", id -> as("bidder1", id).body(String.format(newUpload, 100))
                        .post("/api/tenders/" + tender + "/bids/uploads"), 409, "upload-in-progress", "BidUploadRefused",
                        "bidder1", t),
                new Refusal("bid after the deadline", id -> as("bidder1", id).body(String.format(newUpload, 100))
                        .post("/api/tenders/" + late + "/bids/uploads"), 409, "bid-late", "BidUploadRefused",
                        "bidder1", "tender:" + late),
                new Refusal("bid on a cancelled tender", id -> as("bidder2", id).body(String.format(newUpload, 100))
                        .post("/api/tenders/" + cancelled + "/bids/uploads"), 409, "bidding-not-open",
                        "BidUploadRefused", "bidder2", "tender:" + cancelled),
                new Refusal("another organisation's upload, bytes", id -> as("bidder2", id)
                        .contentType("application/offset+octet-stream").header("Upload-Offset", 0).body(new byte[10])
                        .patch("/api/bids/uploads/" + upload), 404, "not-found", "CommandRefused", "bidder2",
                        "upload:" + upload),
                new Refusal("another organisation's upload, commit", id -> as("bidder2", id)
                        .post("/api/bids/uploads/" + upload + "/commit"), 404, "not-found", "CommandRefused", "bidder2",
                        "upload:" + upload),
                new Refusal("another organisation's upload, abandon", id -> as("bidder2", id)
                        .delete("/api/bids/uploads/" + upload), 404, "not-found", "CommandRefused", "bidder2",
                        "upload:" + upload),
                new Refusal("another organisation's withdrawal", id -> as("bidder2", id).delete("/api/bids/" + bid),
                        404, "not-found", "CommandRefused", "bidder2", "bid:" + bid),
                new Refusal("bytes at the wrong offset", id -> as("bidder1", id)
                        .contentType("application/offset+octet-stream").header("Upload-Offset", 5).body(new byte[10])
                        .patch("/api/bids/uploads/" + upload), 409, "upload-offset-mismatch", "CommandRefused", "bidder1",
                        "upload:" + upload),
                new Refusal("commit before the last byte", id -> as("bidder1", id)
                        .post("/api/bids/uploads/" + upload + "/commit"), 409, "upload-incomplete", "CommandRefused",
                        "bidder1", "upload:" + upload),
                new Refusal("a commit of other bytes than the signature covers", id -> {
                    given().auth().preemptive().basic("bidder1", DemoData.PASSWORD)
                            .contentType("application/offset+octet-stream").header("Upload-Offset", 0)
                            .body(new byte[sealed.envelope().length]).patch("/api/bids/uploads/" + upload);
                    return as("bidder1", id).post("/api/bids/uploads/" + upload + "/commit");
                }, 422, "tampered-envelope", "BidRejected", "bidder1", t),
                // The opening, whose refusals before the opening time are recorded by the opening itself.
                new Refusal("opening before the time", id -> as("agent", id).post("/api/tenders/" + tender + "/opening"),
                        409, "opening-not-due", "OpeningRefused", "agent", t),
                new Refusal("a content key before the time", id -> as("bidder1", id).contentType("application/pkcs7-mime")
                        .body(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}).post("/api/tenders/" + tender + "/opening/keys"),
                        409, "opening-not-due", "ContentKeyRefused", "bidder1", t),
                new Refusal("a key share before the time", id -> as("agent", id).contentType("application/pkcs7-mime")
                        .body(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}).post("/api/tenders/" + tender + "/opening/shares"),
                        409, "opening-not-due", "KeyShareRefused", "agent", t),
                new Refusal("confirming a record before the opening", id -> as("bidder3", id)
                        .post("/api/tenders/" + tender + "/opening/confirmation"), 409, "opening-not-started",
                        "CommandRefused", "bidder3", t),
                new Refusal("a timestamp request that is not one", id -> as("bidder1", id)
                        .contentType("application/timestamp-query").body(new byte[] {1, 2, 3}).post("/api/timestamp"),
                        400, "malformed-timestamp-request", "CommandRefused", "bidder1", "/api/timestamp"));

        SoftAssertions softly = new SoftAssertions();
        for (Refusal refusal : refusals) {
            String requestId = "refusal-" + UUID.randomUUID();
            Response response = refusal.send().apply(requestId);
            softly.assertThat(response.statusCode()).as(refusal.name() + ": status").isEqualTo(refusal.status());
            if (response.statusCode() >= 400) {
                softly.assertThat(response.jsonPath().getString("type")).as(refusal.name() + ": type")
                        .isEqualTo(PROBLEMS + refusal.problem());
            }
            List<AuditEvent> events = eventsOf(requestId);
            softly.assertThat(events).as(refusal.name() + ": events").hasSize(1);
            if (events.size() != 1) {
                continue;
            }
            AuditEvent event = events.get(0);
            softly.assertThat(event.action).as(refusal.name() + ": action").isEqualTo(refusal.action());
            if (refusal.actor() != null) {
                softly.assertThat(event.actor).as(refusal.name() + ": actor").isEqualTo(refusal.actor());
            }
            softly.assertThat(event.subject).as(refusal.name() + ": subject").isEqualTo(refusal.subject());
            softly.assertThat(event.data).as(refusal.name() + ": problem")
                    .containsAnyOf("\"problem\":\"" + refusal.problem() + "\"", "\"reason\":\"" + refusal.problem() + "\"");
            if (event.action.equals("CommandRefused") || event.action.equals("SignInFailed")) {
                softly.assertThat(event.data).as(refusal.name() + ": address").contains("\"address\":\"127.0.0.1\"");
            }
        }
        softly.assertAll();
    }

    @Test
    void a_signed_in_attempt_to_read_another_organisations_receipt_leaves_one_event() {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        Api.as("bidder3").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        String receipt = SealedBids.submit("bidder3", tender, SealedBids.seal("bidder3",
                DemoData.BIDDER_3.code().value(), tender)).statusCode(201).extract().path("id");

        String requestId = "refusal-" + UUID.randomUUID();
        as("bidder2", requestId).get("/api/receipts/" + receipt).then().statusCode(404);
        List<AuditEvent> events = eventsOf(requestId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).action).isEqualTo("ReadRefused");
        assertThat(events.get(0).actor).isEqualTo("bidder2");
        assertThat(events.get(0).subject).isEqualTo("receipt:" + receipt);
        assertThat(events.get(0).data).contains("\"problem\":\"not-found\"");
    }

    @Test
    void public_reads_and_a_polled_procedure_state_leave_no_event() {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        Api.as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        String notices = "refusal-" + UUID.randomUUID();
        anonymous(notices).get("/api/notices?before=nonsense").then().statusCode(400);
        String opening = "refusal-" + UUID.randomUUID();
        as("bidder1", opening).get("/api/tenders/" + tender + "/opening").then().statusCode(409);
        for (String id : List.of(notices, opening)) {
            assertThat(eventsOf(id)).as(id).isEmpty();
        }
    }
}
