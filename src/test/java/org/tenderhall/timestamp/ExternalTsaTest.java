package org.tenderhall.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tenderhall.Api.as;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.seal.Signer;
import org.tenderhall.tender.Tendering;

/** With tenderhall.timestamp.url set, receipts and documents carry the external TSA's tokens. */
@QuarkusTest
@TestProfile(ExternalTsaTest.WithExternalTsa.class)
class ExternalTsaTest {

    /** A stand-in for a third-party TSA: its own serial numbers, from 900000000 on; HTTP Basic required. */
    static final class StubTsa {
        static final AtomicLong SERIAL = new AtomicLong(900_000_000);
        static final AtomicLong ANSWERED = new AtomicLong();
        /** Whether it answers 503, as a TSA out of reach: switched over HTTP ({@code /failing?on}, {@code ?off}). */
        static volatile boolean failing;
        static HttpServer server;

        static synchronized String start() {
            if (server == null) {
                try {
                    Signer key = DemoPki.load("tsa");
                    TimestampAuthority authority = new TimestampAuthority(key.key(), key.chain());
                    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
                    server.createContext("/tsa", exchange -> {
                        String expected = "Basic " + Base64.getEncoder().encodeToString("platform:secret".getBytes());
                        if (failing) {
                            exchange.sendResponseHeaders(503, -1);
                            exchange.close();
                            return;
                        }
                        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                            exchange.sendResponseHeaders(401, -1);
                            exchange.close();
                            return;
                        }
                        try {
                            byte[] reply = authority.respond(new TimeStampRequest(exchange.getRequestBody().readAllBytes()),
                                    BigInteger.valueOf(SERIAL.incrementAndGet()), Instant.now()).getEncoded();
                            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                            exchange.sendResponseHeaders(200, reply.length);
                            exchange.getResponseBody().write(reply);
                            ANSWERED.incrementAndGet();
                        } catch (Exception e) {
                            exchange.sendResponseHeaders(500, -1);
                        }
                        exchange.close();
                    });
                    server.createContext("/failing", exchange -> {
                        failing = "on".equals(exchange.getRequestURI().getQuery());
                        exchange.sendResponseHeaders(204, -1);
                        exchange.close();
                    });
                    server.createContext("/answered", exchange -> {
                        byte[] count = Long.toString(ANSWERED.get()).getBytes();
                        exchange.sendResponseHeaders(200, count.length);
                        exchange.getResponseBody().write(count);
                        exchange.close();
                    });
                    server.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return "http://localhost:" + server.getAddress().getPort() + "/tsa";
        }
    }

    public static class WithExternalTsa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tenderhall.timestamp.url", StubTsa.start(),
                    "tenderhall.timestamp.url-credentials", "platform:secret");
        }
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tenderhall.timestamp.url")
    String tsa;

    @jakarta.inject.Inject
    org.tenderhall.bid.Receipts receipts;

    private void failing(boolean on) {
        io.restassured.RestAssured.given().get(tsa.replace("/tsa", "/failing") + "?" + (on ? "on" : "off")).then()
                .statusCode(204);
    }

    /** How many tokens the stub gave: asked over HTTP, as the stub runs in the test's class loader, not the app's. */
    private long answered() {
        return Long.parseLong(io.restassured.RestAssured.given().get(tsa.replace("/tsa", "/answered")).asString());
    }

    @Test
    void receipts_and_published_documents_are_stamped_by_the_external_tsa() throws Exception {
        long before = answered();
        String tender = Tendering.published("goods", Tendering.example("goods"));
        assertThat(answered()).isEqualTo(before + 1); // the document's signature timestamp

        as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        var bid = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender);
        String timestamp = io.restassured.RestAssured.given().auth().preemptive().basic("bidder1", DemoData.PASSWORD)
                .contentType("application/octet-stream")
                .header("Bid-Signature", Base64.getEncoder().encodeToString(bid.signature())).body(bid.envelope())
                .post("/api/tenders/" + tender + "/bids").then().statusCode(201).extract().path("timestamp");
        TimeStampToken token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(timestamp)));
        assertThat(token.getTimeStampInfo().getSerialNumber()).isGreaterThan(BigInteger.valueOf(900_000_000));
        assertThat(answered()).isEqualTo(before + 2);
    }

    @Test
    void a_bid_commits_while_the_tsa_is_out_of_reach_and_its_receipt_is_issued_once_it_answers() throws Exception {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        var bid = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender);
        String receipt;
        failing(true);
        try {
            receipt = io.restassured.RestAssured.given().auth().preemptive().basic("bidder1", DemoData.PASSWORD)
                    .contentType("application/octet-stream")
                    .header("Bid-Signature", Base64.getEncoder().encodeToString(bid.signature())).body(bid.envelope())
                    .post("/api/tenders/" + tender + "/bids").then().statusCode(503)
                    .body("type", org.hamcrest.Matchers.endsWith("/receipt-pending"))
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .extract().header("Location");
            assertThat(receipt).startsWith("/api/receipts/");
            // The bid stands; its receipt is pending, and says so.
            as("bidder1").get("/api/tenders/" + tender + "/bids").then().statusCode(200)
                    .body("[0].status", org.hamcrest.Matchers.equalTo("VALID"))
                    .body("[0].receipts[0]", org.hamcrest.Matchers.equalTo(receipt));
            as("bidder1").get(receipt).then().statusCode(503)
                    .body("type", org.hamcrest.Matchers.endsWith("/receipt-pending"));
            assertThat(receipts.signPending(java.time.Duration.ZERO)).as("the TSA is still out of reach").isZero();
        } finally {
            failing(false);
        }
        assertThat(receipts.signPending(java.time.Duration.ZERO)).isEqualTo(1);
        String timestamp = as("bidder1").get(receipt).then().statusCode(200)
                .body("facts.kind", org.hamcrest.Matchers.equalTo("SUBMITTED")).extract().path("timestamp");
        TimeStampToken token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(timestamp)));
        assertThat(token.getTimeStampInfo().getSerialNumber()).isGreaterThan(BigInteger.valueOf(900_000_000));
        assertThat(receipts.signPending(java.time.Duration.ZERO)).as("nothing pending any more").isZero();
    }
}
