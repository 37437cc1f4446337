package org.tenderhall.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

/**
 * One account sending many slow bodies must not stall anyone else: commands in progress are capped per account
 * and address, command bodies are read without a worker thread, and a body that stalls is dropped.
 */
@QuarkusTest
@TestProfile(SlowBodiesTest.ShortTimeout.class)
class SlowBodiesTest {

    /** A read timeout short enough to watch, and caps small enough to reach with a test's sockets. */
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "2s", "tenderhall.http.in-flight.per-account", "8",
                    "tenderhall.http.in-flight.per-address", "32");
        }
    }

    static final int FLOOD = 60;

    @Inject
    CommandBounds bounds;

    @Test
    void a_flood_of_slow_command_bodies_from_one_account_leaves_other_accounts_answered_within_a_second()
            throws Exception {
        String path = "/api/tenders/" + UUID.randomUUID() + "/bids/uploads";
        List<Socket> flood = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < FLOOD; i++) {
                flood.add(send(head("POST", path, "bidder1", "application/json", 200) + "{"));
            }
            // One byte a second and more to every socket: slow, but never stalled.
            trickle.scheduleAtFixedRate(() -> flood.forEach(s -> write(s, " ")), 400, 400, TimeUnit.MILLISECONDS);

            List<String> refused = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (refused.size() < FLOOD - 8 && System.nanoTime() < until) {
                for (Socket socket : flood) {
                    if (!socket.isInputShutdown() && socket.getInputStream().available() > 0) {
                        refused.add(readToEnd(socket));
                        socket.shutdownInput();
                    }
                }
                Thread.sleep(20); // polling the sockets, not waiting for a deadline
            }
            assertThat(refused).hasSize(FLOOD - 8).allSatisfy(response -> assertThat(response)
                    .startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 5")
                    .contains("\"type\":\"https://tenderhall.org/problems/too-many-requests\""));
            String address = flood.get(0).getLocalAddress().getHostAddress(); // as the platform sees the client
            assertThat(bounds.inFlight.inProgress("user bidder1 at " + address)).isEqualTo(8);
            assertThat(workersReadingABody()).as("worker threads waiting for a body's bytes").isZero();

            long start = System.nanoTime();
            as("bidder2").get("/api/me").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            start = System.nanoTime();
            as("agent").body(Tendering.body("goods", Tendering.example("goods"))).post("/api/tenders")
                    .then().statusCode(201);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        } finally {
            trickle.shutdownNow();
            for (Socket socket : flood) {
                socket.close();
            }
        }
        // The closed connections give their share back.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (bounds.inFlight.keys() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(bounds.inFlight.keys()).isZero();
    }

    @Test
    void a_command_body_that_stalls_is_dropped_after_the_read_timeout_and_frees_its_share() throws Exception {
        long start = System.nanoTime();
        try (Socket stalled = send(head("POST", "/api/tenders", "agent", "application/json", 200) + "{\"tem")) {
            stalled.setSoTimeout(15_000);
            assertThat(stalled.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bounds.inFlight.keys() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(bounds.inFlight.keys()).isZero();
    }

    @Test
    void an_upload_that_stalls_is_dropped_with_its_bytes_kept_and_one_that_moves_slowly_completes() throws Exception {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        SealedBids.Sealed bid = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender,
                SealedBids.openingCertificate(tender), 200_000);
        byte[] envelope = bid.envelope();
        String upload = as("bidder1").body("{\"lot\":\"1\",\"size\":" + envelope.length + ",\"signature\":\""
                        + Base64.getEncoder().encodeToString(bid.signature()) + "\"}")
                .post("/api/tenders/" + tender + "/bids/uploads").then().statusCode(201).extract().path("id");
        int half = envelope.length / 2;

        try (Socket stalled = send(head("PATCH", "/api/bids/uploads/" + upload, "bidder1",
                "application/offset+octet-stream", envelope.length) .replace("\r\n\r\n", "\r\nUpload-Offset: 0\r\n\r\n"))) {
            stalled.getOutputStream().write(Arrays.copyOf(envelope, half));
            stalled.getOutputStream().flush();
            stalled.setSoTimeout(15_000);
            assertThat(readToEnd(stalled)).as("nothing but the connection's end").isEmpty();
        }
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String held = "";
        while (!held.equals(String.valueOf(half)) && System.nanoTime() < until) {
            held = as("bidder1").head("/api/bids/uploads/" + upload).then().extract().header("Upload-Offset");
            Thread.sleep(20);
        }
        assertThat(held).isEqualTo(String.valueOf(half));

        // The rest in four pieces, a second apart: slower than the read timeout in total, never stalled for it.
        try (Socket slow = send(head("PATCH", "/api/bids/uploads/" + upload, "bidder1",
                "application/offset+octet-stream", envelope.length - half)
                .replace("\r\n\r\n", "\r\nUpload-Offset: " + half + "\r\n\r\n"))) {
            int piece = (envelope.length - half + 3) / 4;
            for (int from = half; from < envelope.length; from += piece) {
                Thread.sleep(1000); // the pace of a slow connection
                slow.getOutputStream().write(Arrays.copyOfRange(envelope, from, Math.min(envelope.length, from + piece)));
                slow.getOutputStream().flush();
            }
            slow.setSoTimeout(15_000);
            assertThat(readResponse(slow)).startsWith("HTTP/1.1 204")
                    .contains("Upload-Offset: " + envelope.length);
        }
    }

    /** Threads of the platform blocked in Quarkus's blocking body stream, waiting for bytes. */
    private static long workersReadingABody() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(thread -> Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().contains("VertxInputStream")))
                .map(ThreadInfo::getThreadName).count();
    }

    private static String head(String method, String path, String account, String contentType, long length) {
        String credentials = Base64.getEncoder().encodeToString((account + ":" + DemoData.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static Socket send(String text) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void write(Socket socket, String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        } catch (IOException closed) {
            // a refused request's connection is closed: nothing more to send there
        }
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what came is what there is
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A response's status line and headers (the connection stays open). */
    private static String readResponse(Socket socket) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
