package org.tenderhall.opening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.platform.TestClock;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.Openssl;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.tender.Tendering;

/**
 * The opening in the platform's scheduled custody, end to end: bids sealed by Tenderhall and by plain openssl are
 * submitted, the deadline passes (the test moves the clock), the opening job opens them and the opening record
 * reads out every price.
 */
@QuarkusTest
public class ScheduledOpeningTest {

    static final String TYPES = "https://tenderhall.org/problems/";
    public static final Map<String, String> ORGANISATION = Map.of("bidder1", DemoData.BIDDER_1.code().value(),
            "bidder2", DemoData.BIDDER_2.code().value(), "bidder3", DemoData.BIDDER_3.code().value(),
            "bidder4", DemoData.BIDDER_4.code().value());

    @Inject
    AuditLog audit;

    @Inject
    BlobStore store;

    @Inject
    PackageVault vault;

    @Inject
    OpeningHall hall;

    @Inject
    OpeningLines openingLines;

    /** A goods tender (voluntary, so its deadline may be close) with these bidders registered. */
    static String tender(Instant deadline, String... bidders) {
        String id = Tendering.published("goods", Tendering.voluntary("goods", deadline));
        for (String bidder : bidders) {
            as(bidder).post("/api/tenders/" + id + "/registration").then().statusCode(200);
        }
        return id;
    }

    public static String manifest(String tender, String bidder, String price) {
        return "{\"tenderId\":\"" + tender + "\",\"lot\":\"1\",\"bidder\":\"" + ORGANISATION.get(bidder)
                + "\",\"price\":\"" + price + "\",\"deliveryDays\":60,\"warrantyMonths\":24,"
                + "\"brandModel\":\"联影 uCT 760\"}";
    }

    public static SealedBids.Sealed sealed(String bidder, String tender, String price) {
        return SealedBids.seal(bidder, new BidBinding(tender, "1", ORGANISATION.get(bidder)),
                SealedBids.openingCertificate(tender), SealedBids.bidPackage(manifest(tender, bidder, price), 50_000));
    }

    /** The same bid as {@link #sealed}, made with nothing but openssl commands (signed, encrypted, signed again). */
    public static SealedBids.Sealed sealedWithOpenssl(String bidder, String tender, String price) throws Exception {
        return sealedWithOpenssl(bidder, tender, price, OpensslChoices.DOCUMENTED);
    }

    /**
     * What a bidder reading only OpenSSL's manual may choose: the -outform of the inner signed bid, the envelope and
     * the outer signature, and extra options of the inner and outer {@code openssl cms -sign}.
     */
    public record OpensslChoices(String innerForm, List<String> innerSign, String envelopeForm, List<String> outerSign,
            String signatureForm) {
        /** The commands of docs/bid-envelope.md. */
        public static final OpensslChoices DOCUMENTED = new OpensslChoices("DER", List.of(), "DER", List.of(), "DER");
        public static final List<String> PSS = List.of("-keyopt", "rsa_padding_mode:pss");
    }

    public static SealedBids.Sealed sealedWithOpenssl(String bidder, String tender, String price, OpensslChoices choices)
            throws Exception {
        Path dir = Files.createTempDirectory("openssl-bid");
        Files.write(dir.resolve("package.zip"), SealedBids.bidPackage(manifest(tender, bidder, price), 50_000));
        Files.write(dir.resolve("opening.pem"), given().get("/api/tenders/" + tender + "/opening-certificate").then()
                .statusCode(200).extract().asByteArray());
        String key = Openssl.privateKey(dir, bidder).toString();
        String certificate = DemoPki.certificate(bidder).toAbsolutePath().toString();
        String issuing = DemoPki.DIR.resolve("ca/rsa-issuing.crt").toAbsolutePath().toString();
        List<String> sign = new java.util.ArrayList<>(List.of("cms", "-sign", "-binary", "-nodetach", "-md", "sha256",
                "-in", "package.zip", "-signer", certificate, "-inkey", key, "-certfile", issuing, "-outform",
                choices.innerForm(), "-out", "inner.p7m"));
        sign.addAll(choices.innerSign());
        Openssl.ok(dir, sign.toArray(String[]::new));
        Openssl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", "inner.p7m", "-outform",
                choices.envelopeForm(), "-recip", "opening.pem", "-keyopt", "rsa_padding_mode:oaep", "-keyopt",
                "rsa_oaep_md:sha256", "-recip", certificate, "-keyopt", "rsa_padding_mode:oaep", "-keyopt",
                "rsa_oaep_md:sha256", "-out", "bid.cms");
        List<String> outer = new java.util.ArrayList<>(List.of("cms", "-sign", "-binary", "-md", "sha256", "-in",
                "bid.cms", "-signer", certificate, "-inkey", key, "-certfile", issuing, "-outform",
                choices.signatureForm(), "-out", "bid.cms.p7s"));
        outer.addAll(choices.outerSign());
        Openssl.ok(dir, outer.toArray(String[]::new));
        return new SealedBids.Sealed(Files.readAllBytes(dir.resolve("bid.cms")), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
    }

    /**
     * Runs the timed jobs, as the scheduler would, until the opening is recorded; returns the record as the agent
     * reads it. The clock must already be past the opening time.
     */
    static JsonPath recorded(String tender) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            TestClock.runTimedJobs();
            var response = as("agent").get("/api/tenders/" + tender + "/opening");
            if (response.statusCode() == 200 && "RECORDED".equals(response.path("state"))) {
                return as("agent").get("/api/tenders/" + tender + "/opening/record").then().statusCode(200)
                        .extract().jsonPath();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the opening of " + tender + " did not complete");
    }

    /** An opening time far enough ahead for the bids of a test to be sealed and submitted on a busy machine. */
    static Instant soon() {
        return TestClock.now().plus(Duration.ofMinutes(10));
    }

    /**
     * Joins the opening hall as {@code account}: the event names it receives, until the stream ends. Every line of
     * the stream must be server-sent-events grammar.
     */
    static java.util.concurrent.CompletableFuture<List<String>> hall(String account, String tender, Long lastEventId) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/api/tenders/" + tender + "/opening/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((account + ":"
                        + DemoData.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId.toString());
        }
        return java.net.http.HttpClient.newHttpClient().sendAsync(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    List<String> lines = response.body().toList();
                    assertThat(lines).filteredOn(l -> !l.isEmpty()).allMatch(
                            l -> OpeningHallStreamTest.SSE_LINE.matcher(l).matches(), "server-sent-events grammar");
                    return lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
                });
    }

    private List<String> actions(String tender) {
        return audit.forSubject("tender:" + tender).stream().map(e -> e.action).toList();
    }

    @Test
    void the_scheduled_opening_reads_out_every_price_including_a_bid_sealed_with_plain_openssl() throws Exception {
        Instant deadline = soon();
        String tender = tender(deadline, "bidder1", "bidder2", "bidder3");
        SealedBids.submit("bidder1", tender, sealed("bidder1", tender, "9650000.00")).statusCode(201);
        SealedBids.submit("bidder2", tender, sealed("bidder2", tender, "9480000.50")).statusCode(201);
        SealedBids.submit("bidder3", tender, sealedWithOpenssl("bidder3", tender, "9712345.67")).statusCode(201);

        // Before the opening time nothing can be read, and an attempt to open, even by an admin, is refused.
        as("agent").get("/api/tenders/" + tender + "/opening/record").then().statusCode(409)
                .body("type", equalTo(TYPES + "opening-not-started"));
        as("admin").post("/api/tenders/" + tender + "/opening").then().statusCode(409)
                .body("type", equalTo(TYPES + "opening-not-due"));
        assertThat(actions(tender)).contains("OpeningRefused").doesNotContain("OpeningKeyUnwrapped");

        as("bidder1").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(409)
                .body("type", equalTo(TYPES + "opening-not-started"));
        var live = hall("bidder1", tender, null); // in the hall before the opening: it shows nothing yet

        TestClock.passTo(deadline);
        JsonPath record = recorded(tender);
        List<String> shown = List.of("opening-started", "bid-opened", "bid-opened", "bid-opened", "record-complete");
        assertThat(live.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(shown);
        assertThat(hall("supervisor", tender, null).get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(shown);
        long first = hall.events(UUID.fromString(tender), 0).get(0).seq;
        assertThat(hall("agent", tender, first).get(30, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(shown.subList(1, shown.size())); // a reconnect resumes after the last event it had
        as("bidder4").get("/api/tenders/" + tender + "/opening/events").then().statusCode(403);
        assertThat(record.getList("lines")).hasSize(3);
        assertThat(record.getList("lines.outcome")).containsOnly("OPENED");
        assertThat(record.getList("lines.bidder")).containsExactly(ORGANISATION.get("bidder1"),
                ORGANISATION.get("bidder2"), ORGANISATION.get("bidder3")); // in receipt order
        assertThat(record.getList("lines.price", String.class)).containsExactly("9650000.00", "9480000.50", "9712345.67");
        assertThat(record.getString("lines[2].declared.brandModel")).isEqualTo("联影 uCT 760");
        assertThat(record.getList("lines.problems.flatten()")).isEmpty();
        assertThat(record.getList("lines.guarantee")).containsOnly("NOT_CHECKED");
        assertThat(record.getString("objectionsUntil")).isNotNull();
        as("bidder3").get("/api/tenders/" + tender + "/opening/record").then().statusCode(200);
        as("bidder4").get("/api/tenders/" + tender + "/opening/record").then().statusCode(403);
        as("expert1").get("/api/tenders/" + tender + "/opening/record").then().statusCode(403);

        assertThat(actions(tender)).contains("OpeningStarted", "OpeningKeyUnwrapped", "OpeningRecorded")
                .filteredOn("BidOpened"::equals).hasSize(3);
        given().get("/api/notices").then().statusCode(200);
        assertThat(given().get("/api/notices").then().extract().jsonPath().getList("findAll { it.tenderId == '"
                + tender + "' }.kind", String.class)).contains("OPENING_RECORDED");

        // The record as a signed PDF/A, with its SHA-256 in the audit log.
        byte[] pdf = as("supervisor").get("/api/tenders/" + tender + "/opening/record.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text = org.tenderhall.document.PdfChecks.drawnText(pdf).replaceAll("\\s+", ""); // cell by cell
        assertThat(text).contains("开标记录", "9,712,345.67元", "9,480,000.50元", "联影uCT760", "已解密", "计划解密");
        assertThat(org.tenderhall.document.PdfChecks.signatures(pdf)).contains("Signature Validation: Signature is Valid",
                "Total document signed");
        assertThat(org.tenderhall.document.PdfChecks.pdfA3bFailures(pdf)).isEmpty();
        String pdfSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(audit.forSubject("tender:" + tender)).filteredOn(e -> e.action.equals("OpeningRecorded"))
                .singleElement().satisfies(e -> assertThat(e.data).contains(pdfSha256));

        // Bidders confirm or object, once each; the agent answers on the record.
        as("bidder1").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(201)
                .body("kind", equalTo("CONFIRMED"));
        as("bidder1").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(409)
                .body("type", equalTo(TYPES + "already-responded"));
        String objection = as("bidder2").body("{\"objection\":\"第2行交货期应为60天\"}")
                .post("/api/tenders/" + tender + "/opening/objections").then().statusCode(201).extract().path("id");
        as("bidder2").body("{\"objection\":\"再次异议\"}").post("/api/tenders/" + tender + "/opening/objections")
                .then().statusCode(409).body("type", equalTo(TYPES + "already-responded"));
        as("bidder4").post("/api/tenders/" + tender + "/opening/confirmation").then().statusCode(403);
        as("bidder3").body("{\"objection\":\"\"}").post("/api/tenders/" + tender + "/opening/objections")
                .then().statusCode(422);
        as("agent").body("{\"answer\":\"记录中交货期为60天，无误\"}")
                .post("/api/tenders/" + tender + "/opening/objections/" + objection + "/answer").then().statusCode(200)
                .body("answer", equalTo("记录中交货期为60天，无误"));
        as("agent").body("{\"answer\":\"again\"}")
                .post("/api/tenders/" + tender + "/opening/objections/" + objection + "/answer").then().statusCode(409)
                .body("type", equalTo(TYPES + "objection-answered"));
        JsonPath replies = as("supervisor").get("/api/tenders/" + tender + "/opening/record").then().statusCode(200)
                .extract().jsonPath();
        assertThat(replies.getList("replies.kind")).containsExactly("CONFIRMED", "OBJECTED");
        assertThat(replies.getString("replies[1].answer")).isEqualTo("记录中交货期为60天，无误");
        assertThat(actions(tender)).contains("OpeningRecordConfirmed", "OpeningRecordObjected", "ObjectionAnswered")
                .filteredOn("OpeningResponseRefused"::equals).hasSize(2); // the second confirmation and objection

        // The package is kept encrypted at rest, and decrypts to the very bytes the bidder signed.
        for (OpeningLine line : openingLines.of(UUID.fromString(tender))) {
            Path file = store.root().resolve("opened").resolve(line.packageFile);
            byte[] plain;
            try (InputStream in = vault.read(line.bidId, line.packageFile, line.packageKey)) {
                plain = in.readAllBytes();
            }
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)))
                    .isEqualTo(line.packageSha256);
            assertThat(new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("manifest.json");
            assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("manifest.json");
        }
        // A package changed at rest does not read back: the tag fails before the end is reported.
        OpeningLine damaged = openingLines.of(UUID.fromString(tender)).get(0);
        Path file = store.root().resolve("opened").resolve(damaged.packageFile);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x5a}), Files.size(file) / 2);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (InputStream in = vault.read(damaged.bidId, damaged.packageFile, damaged.packageKey)) {
                in.readAllBytes();
            }
        }).isInstanceOf(java.io.IOException.class).hasMessageContaining("changed or damaged");
    }

    @Test
    void fewer_than_three_valid_bids_fail_the_tender_and_nothing_is_decrypted() throws Exception {
        Instant deadline = soon();
        String tender = tender(deadline, "bidder1", "bidder2");
        SealedBids.submit("bidder1", tender, sealed("bidder1", tender, "9650000.00")).statusCode(201);
        SealedBids.submit("bidder2", tender, sealed("bidder2", tender, "9480000.50")).statusCode(201);
        TestClock.passTo(deadline);
        as("agent").get("/api/tenders/" + tender).then().body("status", equalTo("FAILED"));
        as("agent").get("/api/tenders/" + tender + "/opening/record").then().statusCode(409)
                .body("type", equalTo(TYPES + "tender-failed"));
        assertThat(actions(tender)).contains("TenderFailed").doesNotContain("OpeningStarted", "OpeningKeyUnwrapped");
        assertThat(given().get("/api/notices").then().extract().jsonPath().getList("findAll { it.tenderId == '"
                + tender + "' }.kind", String.class)).contains("TENDER_FAILED");
    }

    @Test
    void openssl_bids_signed_with_rsa_pss_open_and_one_whose_inner_signed_bid_is_pem_is_revoked_saying_so()
            throws Exception {
        Instant deadline = soon();
        String tender = tender(deadline, "bidder1", "bidder2", "bidder3");
        // RSA-PSS inside and outside, the outer signature sent as PEM: all taken.
        SealedBids.submit("bidder1", tender, sealedWithOpenssl("bidder1", tender, "9650000.00", new OpensslChoices(
                "DER", OpensslChoices.PSS, "DER", OpensslChoices.PSS, "PEM"))).statusCode(201);
        SealedBids.submit("bidder2", tender, sealed("bidder2", tender, "9480000.50")).statusCode(201);
        // The signed bid inside written as PEM: the platform cannot see it before the opening.
        SealedBids.submit("bidder3", tender, sealedWithOpenssl("bidder3", tender, "9712345.67", new OpensslChoices(
                "PEM", List.of(), "DER", List.of(), "DER"))).statusCode(201);

        TestClock.passTo(deadline);
        JsonPath record = recorded(tender);
        assertThat(record.getList("lines.outcome")).containsExactly("OPENED", "OPENED", "REVOKED");
        assertThat(record.getList("lines.price", String.class)).containsExactly("9650000.00", "9480000.50", null);
        assertThat(record.getString("lines[2].reason")).contains("The signed bid inside the envelope is PEM text, not DER",
                "-outform DER").doesNotContain("Exception");
    }

    @Test
    void a_bid_that_fails_by_the_bidders_fault_is_revoked_and_by_the_platforms_withdrawn_and_the_opening_goes_on()
            throws Exception {
        Instant deadline = soon();
        String tender = tender(deadline, "bidder1", "bidder2", "bidder3", "bidder4");
        SealedBids.submit("bidder1", tender, sealed("bidder1", tender, "9650000.00")).statusCode(201);
        SealedBids.submit("bidder2", tender, sealed("bidder2", tender, "9480000.50")).statusCode(201);
        // bidder3 signed its bid for lot 2 but submitted it for lot 1: the bidder's fault (撤销).
        SealedBids.submit("bidder3", tender, SealedBids.seal("bidder3", new BidBinding(tender, "2",
                ORGANISATION.get("bidder3")), SealedBids.openingCertificate(tender),
                SealedBids.bidPackage(manifest(tender, "bidder3", "9000000.00"), 1000))).statusCode(201);
        // bidder4's stored envelope is damaged in storage after its receipt: the platform's fault (撤回).
        String damaged = SealedBids.submit("bidder4", tender, sealed("bidder4", tender, "9100000.00")).statusCode(201)
                .extract().path("facts.envelopeSha256");
        Path file = store.path(damaged);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x42}), Files.size(file) / 2);
        }

        TestClock.passTo(deadline);
        JsonPath record = recorded(tender);
        assertThat(record.getList("lines.outcome")).containsExactly("OPENED", "OPENED", "REVOKED", "WITHDRAWN");
        assertThat(record.getString("lines[2].reason")).contains("lot 2");
        assertThat(record.getString("lines[3].reason")).contains("no longer the one received");
        assertThat(record.getString("lines[3].price")).isNull();
        assertThat(actions(tender)).contains("BidRevoked", "BidWithdrawnAtOpening", "OpeningRecorded");
        List<AuditEvent> revoked = audit.forSubject("tender:" + tender).stream()
                .filter(e -> e.action.equals("BidRevoked")).toList();
        assertThat(revoked).hasSize(1);
    }
}
