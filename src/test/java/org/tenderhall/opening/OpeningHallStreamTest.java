package org.tenderhall.opening;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tenderhall.identity.DemoData;

/**
 * The opening hall's stream as a watcher's own HTTP client reads it, raw: before the opening it answers at once
 * and stays visibly alive with comment heartbeats ({@code tenderhall.opening.heartbeat}, 2 s in tests), and every
 * line it sends is server-sent-events grammar.
 */
@QuarkusTest
class OpeningHallStreamTest {

    /** A line of the stream: a comment, or one of the fields the hall sends. Blank lines end an event. */
    static final Pattern SSE_LINE = Pattern.compile("(:.*|id: ?[0-9]+|event: ?[a-z-]+|data: ?.*)");

    static HttpRequest hallRequest(String account, String tender) {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/tenders/"
                + tender + "/opening/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((account + ":"
                        + DemoData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @Test
    void a_watcher_before_the_opening_gets_the_headers_at_once_and_then_heartbeats_in_sse_grammar()
            throws Exception {
        // The opening is an hour away: nothing will happen in the hall while this test watches.
        String tender = ScheduledOpeningTest.tender(org.tenderhall.platform.TestClock.now().plus(Duration.ofHours(1)), "bidder1");

        // HTTP/1.1, as curl and browsers' EventSource ask (java.net.http would otherwise try an upgrade to h2c).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client.sendAsync(hallRequest("bidder1", tender), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS).body().close(); // warm up, so that what is timed below is the stream
        long asked = System.nanoTime();
        // sendAsync completes when the status line and headers are in, before any of the body.
        HttpResponse<InputStream> response = client.sendAsync(hallRequest("bidder1", tender),
                HttpResponse.BodyHandlers.ofInputStream()).get(3, TimeUnit.SECONDS);
        long headersMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            // Headers sent only with the first bytes of the body would come with the first heartbeat, 2 s on.
            assertThat(headersMillis).as("headers before the first heartbeat").isLessThan(1500);

            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            CompletableFuture<Void> twoHeartbeats = CompletableFuture.runAsync(() -> {
                try {
                    int heartbeats = 0;
                    while (heartbeats < 2) {
                        String line = reader.readLine();
                        if (line == null) {
                            throw new AssertionError("the stream ended before the opening: " + lines);
                        }
                        lines.add(line);
                        if (line.equals(": keep-alive")) {
                            heartbeats++;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            twoHeartbeats.get(10, TimeUnit.SECONDS);
            assertThat(lines).filteredOn(l -> !l.isEmpty()).allMatch(l -> SSE_LINE.matcher(l).matches(),
                    "server-sent-events grammar").containsOnly(": keep-alive"); // no event before the opening
        }
    }
}
