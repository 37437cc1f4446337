package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;
import org.tenderhall.DemoPki;
import org.tenderhall.benchmark.Benchmarks;
import org.tenderhall.identity.DemoData;

/**
 * The opening of many bids against the packaged platform: {@code benchmark.bids} bids (200) of
 * {@code benchmark.bid-mib} MiB (20) each, from as many bidders, opened at the deadline in scheduled custody. The
 * reference, in the same run: the same number of files of the same size through {@code openssl enc -d
 * -aes-256-cbc} then {@code openssl dgst -sha256}, one after the other. Needs the packaged jar:
 * {@code ./mvnw -B package -DskipTests && ./mvnw -B -Pbenchmark test -Dtest=OpeningBenchmark}
 * ({@code -Dbenchmark.options} adds JVM options to the platform's, {@code -Dbenchmark.deadline-seconds} sets how long
 * the bidders have).
 */
class OpeningBenchmark {

    private static final String MARK = "<!-- opening-benchmark -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_opening_runs_at_six_tenths_of_openssl_decrypting_and_hashing_the_same_bytes() throws Exception {
        int bids = Integer.getInteger("benchmark.bids", 200);
        int mib = Integer.getInteger("benchmark.bid-mib", 20);
        Path dir = BidUploadBenchmark.DIR.resolve("opening");
        Path work = Files.createDirectories(dir.resolve("platform"));
        Path documents = dir.resolve("documents.bin");
        Benchmarks.writeIncompressible(documents, (long) mib << 20);
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-Dtenderhall.opening.check-interval=1s"));
        String extra = System.getProperty("benchmark.options", ""); // more JVM options for the platform
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (RunningPlatform platform = RunningPlatform.start(work, BidUploadBenchmark.env(), options)) {
            // Enough time to seal and submit every bid before the deadline (about 1 s per bid here).
            Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.getLong("benchmark.deadline-seconds",
                    60L + bids * 3L / 2)));
            String tender = BidUploadBenchmark.tender(platform, deadline, true);
            X509Certificate opening = BidUploadBenchmark.opening(platform, tender);
            PrivateKey caKey = BidUploadBenchmark.caKey();
            X509Certificate ca = DemoPki.ca("rsa-issuing");
            List<String> accounts = new ArrayList<>();
            List<Path> envelopes = new ArrayList<>();
            for (int i = 0; i < bids; i++) {
                String code = Api.freshCreditCode();
                String username = "opening-" + i + "-" + code.substring(12).toLowerCase(Locale.ROOT);
                assertThat(platform.postJson("/api/organisations", "{\"code\":\"" + code + "\",\"name\":\"Bidder "
                        + i + "\"}", BidUploadBenchmark.ADMIN).statusCode()).isEqualTo(201);
                assertThat(platform.postJson("/api/accounts", "{\"username\":\"" + username + "\",\"displayName\":"
                        + "\"Bidder " + i + "\",\"password\":\"" + DemoData.PASSWORD + "\",\"role\":\"bidder\","
                        + "\"organisation\":\"" + code + "\"}", BidUploadBenchmark.ADMIN).statusCode()).isEqualTo(201);
                String credentials = username + ":" + DemoData.PASSWORD;
                BidUploadBenchmark.register(platform, tender, credentials);
                accounts.add(credentials);
                envelopes.add(BidUploadBenchmark.seal(BidUploadBenchmark.issue(code, ca, caKey), code, tender, opening,
                        documents, dir.resolve("bid-" + i)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<long[]>> submitted = new ArrayList<>();
            for (int i = 0; i < bids; i++) {
                String credentials = accounts.get(i);
                Path envelope = envelopes.get(i);
                submitted.add(pool.submit(() -> BidUploadBenchmark.submitLikeBidkit(platform, tender, credentials,
                        envelope)));
            }
            for (Future<long[]> result : submitted) {
                assertThat(result.get()[0]).isEqualTo(201);
            }
            pool.shutdown();
            assertThat(Instant.now()).as("every bid in before the deadline: raise -Dbenchmark.deadline-seconds")
                    .isBefore(deadline);

            JsonNode recorded = null;
            while (recorded == null) {
                Thread.sleep(500);
                var response = platform.get("/api/tenders/" + tender + "/opening", "agent:" + DemoData.PASSWORD);
                if (response.statusCode() == 200 && response.body().contains("\"RECORDED\"")) {
                    recorded = JSON.readTree(response.body());
                }
            }
            double opened = Duration.between(Instant.parse(recorded.get("startedAt").asText()),
                    Instant.parse(recorded.get("recordedAt").asText())).toNanos() / 1e9;
            JsonNode record = JSON.readTree(platform.get("/api/tenders/" + tender + "/opening/record",
                    "agent:" + DemoData.PASSWORD).body());
            long openedBids = 0;
            for (JsonNode line : record.get("lines")) {
                openedBids += "OPENED".equals(line.get("outcome").asText()) ? 1 : 0;
            }
            long envelopeBytes = 0;
            for (Path envelope : envelopes) {
                envelopeBytes += Files.size(envelope);
            }

            // The reference: the same bytes through openssl enc -d then dgst, file after file.
            byte[] keyBytes = new byte[32];
            byte[] ivBytes = new byte[16];
            new java.security.SecureRandom().nextBytes(keyBytes);
            new java.security.SecureRandom().nextBytes(ivBytes);
            String key = HexFormat.of().formatHex(keyBytes);
            String iv = HexFormat.of().formatHex(ivBytes);
            Path encrypted = dir.resolve("documents.enc");
            Path decrypted = dir.resolve("documents.dec");
            Benchmarks.openssl("enc", "-aes-256-cbc", "-K", key, "-iv", iv, "-in", documents.toString(), "-out",
                    encrypted.toString());
            double reference = Benchmarks.timed(() -> {
                for (int i = 0; i < bids; i++) {
                    Benchmarks.openssl("enc", "-d", "-aes-256-cbc", "-K", key, "-iv", iv, "-in", encrypted.toString(),
                            "-out", decrypted.toString());
                    Benchmarks.openssl("dgst", "-sha256", decrypted.toString());
                }
            });
            double mb = envelopeBytes / 1e6;
            double ratio = reference / opened;
            String report = String.format(Locale.ROOT, """
                    %s
                    ## Opening the bids (opening benchmark)

                    %s, `./mvnw -B package -DskipTests && ./mvnw -B -Pbenchmark test -Dtest=OpeningBenchmark`.
                    Machine: %s; %s; %s.

                    %d bidders each submit a sealed bid of %d MiB (AES-256-CBC, %.0f MB of envelopes in all) to the
                    packaged platform; at the deadline the scheduler opens them in the platform's scheduled custody,
                    four at a time (two per processor): decrypt, verify the inner signature and the envelope's SHA-256, re-check the
                    signer, read the manifest, keep the package encrypted at rest (AES-256-CTR and HMAC-SHA256, fsync), write each
                    line, then sign the record as PDF/A. Measured from the opening's start to its record (server
                    clock).

                    | step | seconds | MB/s |
                    | --- | ---: | ---: |
                    | Tenderhall's whole opening (%d of %d bids opened) | %.2f | %.0f |
                    | reference: `openssl enc -d -aes-256-cbc`, then `openssl dgst -sha256`, %d files one after the other | %.2f | %.0f |

                    The opening runs at **%.2f** of the reference's throughput (target: at least 0.6: **%s**).
                    %s
                    """, MARK, LocalDate.now(), Benchmarks.machine(), Benchmarks.javaVersion(),
                    Benchmarks.opensslVersion(), bids, mib, mb, openedBids, bids, opened, mb / opened, bids, reference,
                    mb / reference, ratio, ratio >= 0.6 ? "met" : "not met", MARK);
            System.out.println(report);
            Benchmarks.report(MARK, report);
            assertThat(openedBids).isEqualTo(bids);
        }
    }
}
