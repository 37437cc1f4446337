package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.pki.domain.Pem;

/**
 * The packaged platform killed (SIGKILL) in the middle of an opening, after the first bid's line was written and while
 * the second bid's line was being committed, its package already kept: after a restart the opening resumes with the
 * other bids, the first is not opened again, no result is lost, and the package left without its line is deleted.
 * The test holds the platform at that point from the outside, with a row lock in its database: nothing in the
 * platform knows it is being tested.
 */
class OpeningCrashIT {

    private static final String AGENT = "agent:" + DemoData.PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BIDDERS = List.of("bidder1", "bidder2", "bidder3");

    private static Map<String, String> env(Map<String, String> more) {
        Path demo = DemoPki.DIR.toAbsolutePath();
        Map<String, String> env = new HashMap<>(Map.of(
                "TENDERHALL_PKI_DEMO_DIRECTORY", demo.toString(),
                "TENDERHALL_TIMESTAMP_KEY_STORE", demo.resolve("platform/tsa.p12").toString(),
                "TENDERHALL_DOCUMENT_SIGNING_KEY_STORE", demo.resolve("platform/document-signing.p12").toString(),
                "TENDERHALL_OPENING_CA_KEY_STORE", demo.resolve("platform/opening-ca.p12").toString(),
                "TENDERHALL_OPENING_KEK_STORE", demo.resolve("platform/kek.p12").toString(),
                "TENDERHALL_OPENING_CHECK_INTERVAL", "1s",
                "TENDERHALL_OPENING_PARALLELISM", "1"));
        env.putAll(more);
        return env;
    }

    private static long packages(Path workDir) throws Exception {
        Path opened = workDir.resolve("data/blobs/opened");
        if (!Files.isDirectory(opened)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(opened)) {
            return files.count();
        }
    }

    /** A connection to the platform's embedded PostgreSQL as its superuser (the port from its pid file). */
    private static Connection database(Path workDir) throws Exception {
        Path pg = workDir.resolve("data/pg");
        String port = Files.readAllLines(pg.resolve("postmaster.pid")).get(3).trim(); // the fourth line: the port
        String password = Files.readString(pg.resolve("tenderhall-superuser.password"), StandardCharsets.US_ASCII)
                .trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
    }

    private static long count(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> texts(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<String> texts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    texts.add(rows.getString(1));
                }
            }
            return texts;
        }
    }

    @Test
    void killed_while_a_line_commits_the_opening_resumes_and_opens_nothing_twice(@TempDir Path workDir)
            throws Exception {
        String tender;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10)); // room to seal and submit on a busy machine
        try (RunningPlatform platform = RunningPlatform.start(workDir, env(Map.of()))) {
            ObjectNode values = (ObjectNode) JSON.readTree(platform.get("/api/templates/goods", null).body())
                    .get("example");
            String at = OffsetDateTime.ofInstant(deadline.truncatedTo(ChronoUnit.SECONDS), ZoneId.of("Asia/Shanghai"))
                    .toString();
            values.put("bidDeadline", at).put("openingTime", at).put("mandatoryTendering", "否");
            ObjectNode body = JSON.createObjectNode().put("template", "goods");
            body.set("values", values);
            tender = JSON.readTree(platform.postJson("/api/tenders", body.toString(), AGENT).body()).get("id").asText();
            assertThat(platform.postJson("/api/tenders/" + tender + "/publish", "", AGENT).statusCode()).isEqualTo(200);
            var opening = Pem.certificates(platform.get("/api/tenders/" + tender + "/opening-certificate", null).body()
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)).get(0);
            for (String bidder : BIDDERS) {
                String credentials = bidder + ":" + DemoData.PASSWORD;
                assertThat(platform.postJson("/api/tenders/" + tender + "/registration", "", credentials).statusCode())
                        .isEqualTo(200);
                String code = Map.of("bidder1", DemoData.BIDDER_1, "bidder2", DemoData.BIDDER_2, "bidder3",
                        DemoData.BIDDER_3).get(bidder).code().value();
                var sealed = SealedBids.seal(bidder, code, tender, opening, 2_000_000);
                HttpResponse<String> submitted = platform.exchange(HttpRequest.newBuilder(platform.uri("/api/tenders/"
                        + tender + "/bids?lot=1")).header("Content-Type", "application/octet-stream")
                        .header("Bid-Signature", Base64.getEncoder().encodeToString(sealed.signature()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(sealed.envelope())), credentials);
                assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            }
            // Writing a bid's line checks its foreign key to the bid, which takes a key-share lock on the bid's row:
            // while the test holds the second and third bids' rows for update, their lines cannot commit.
            try (Connection hold = database(workDir); Connection look = database(workDir)) {
                hold.setAutoCommit(false);
                UUID id = UUID.fromString(tender);
                List<UUID> held = new ArrayList<>();
                try (PreparedStatement bids = hold.prepareStatement("select id from sealed_bid where tender_id = ?"
                        + " and status = 'VALID' order by received_at")) {
                    bids.setObject(1, id);
                    try (ResultSet rows = bids.executeQuery()) {
                        while (rows.next()) {
                            held.add(rows.getObject(1, UUID.class));
                        }
                    }
                }
                assertThat(held).hasSize(3);
                held.remove(0); // the first bid, in the order the opening takes them, is opened and written
                // (Not "offset 1 for update": the rows an offset skips are locked too.)
                try (PreparedStatement lock = hold.prepareStatement("select id from sealed_bid where id = any(?)"
                        + " for update")) {
                    lock.setArray(1, hold.createArrayOf("uuid", held.toArray()));
                    lock.executeQuery().close();
                }
                long holder = count(hold, "select pg_backend_pid()");
                // The jar runs on real time, which a test cannot move: the deadline is brought to now instead.
                try (PreparedStatement now = look.prepareStatement("update tender set bid_deadline = now() - interval"
                        + " '1 second', opening_time = now() - interval '1 second' where id = ?")) {
                    now.setObject(1, id);
                    assertThat(now.executeUpdate()).isEqualTo(1);
                }
                // At the deadline the opening starts (one bid at a time: parallelism 1), writes the first bid's
                // line, keeps the second bid's package, and waits on the lock to write its line.
                long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                List<String> waiting = List.of();
                while (waiting.isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(200);
                    waiting = texts(look, "select query from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                            (int) holder);
                }
                assertThat(waiting).as("a line waits for the held bid").singleElement(InstanceOfAssertFactories.STRING)
                        .containsIgnoringCase("insert into opening_line");
                assertThat(count(look, "select count(*) from opening_line where tender_id = ?", id))
                        .as("the first bid's line is written").isEqualTo(1);
                assertThat(count(look, "select count(*) from opening_line where bid_id = any(?)",
                        look.createArrayOf("uuid", held.toArray()))).isZero();
                assertThat(packages(workDir)).as("the second bid's package is kept, its line not yet").isEqualTo(2);
                platform.kill();
                assertThat(platform.isAlive()).isFalse();
            } // the test's transaction ends: the killed platform's line transaction, now without its client, aborts
        }
        try (RunningPlatform platform = RunningPlatform.start(workDir, env(Map.of()))) {
            JsonNode record = null;
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (record == null && System.nanoTime() < until) {
                HttpResponse<String> state = platform.get("/api/tenders/" + tender + "/opening", AGENT);
                if (state.statusCode() == 200 && state.body().contains("\"RECORDED\"")) {
                    record = JSON.readTree(platform.get("/api/tenders/" + tender + "/opening/record", AGENT).body());
                }
                Thread.sleep(500);
            }
            assertThat(record).as("the opening completes after the restart").isNotNull();
            List<String> outcomes = new ArrayList<>();
            record.get("lines").forEach(l -> outcomes.add(l.get("outcome").asText()));
            assertThat(outcomes).containsExactly("OPENED", "OPENED", "OPENED");
            // The hall: exactly one bid-opened per bid, the first from before the kill.
            HttpResponse<String> events = platform.exchange(HttpRequest.newBuilder(platform.uri("/api/tenders/" + tender
                    + "/opening/events")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET(),
                    AGENT);
            assertThat(events.body().lines().filter(l -> l.equals("event:bid-opened") || l.equals("event: bid-opened"))
                    .count()).isEqualTo(3);
            assertThat(packages(workDir)).as("one encrypted package per line, nothing left over").isEqualTo(3);
        }
    }
}
