package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.pki.domain.Pem;

/**
 * The packaged platform halted in the middle of an opening, right after the first bid's line was written: after a
 * restart the opening resumes with the other bids, the first is not opened again, no result is lost, and no
 * package file is left without its line.
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

    @Test
    void halted_after_the_first_line_the_opening_resumes_and_opens_nothing_twice(@TempDir Path workDir)
            throws Exception {
        String tender;
        Instant deadline = Instant.now().plusSeconds(40);
        try (RunningPlatform platform = RunningPlatform.start(workDir,
                env(Map.of("TENDERHALL_FAULT_HALT_AFTER_OPENING_LINE", "true")))) {
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
            // At the deadline the opening starts, writes its first line, and the platform halts.
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (platform.isAlive() && System.nanoTime() < until) {
                Thread.sleep(500);
            }
            assertThat(platform.isAlive()).as("the platform halts after the first line").isFalse();
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
            // The hall: exactly one bid-opened per bid, the first from before the halt.
            HttpResponse<String> events = platform.exchange(HttpRequest.newBuilder(platform.uri("/api/tenders/" + tender
                    + "/opening/events")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET(),
                    AGENT);
            assertThat(events.body().lines().filter(l -> l.equals("event:bid-opened") || l.equals("event: bid-opened"))
                    .count()).isEqualTo(3);
            assertThat(packages(workDir)).as("one encrypted package per line, nothing left over").isEqualTo(3);
        }
    }
}
