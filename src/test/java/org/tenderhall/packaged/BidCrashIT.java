package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.Api;
import org.tenderhall.DemoPki;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.storage.StallingInput;

/**
 * The packaged platform killed (SIGKILL) in the middle of a bid upload, between writing the envelope and committing
 * its row, and between committing the bid and signing its receipt: after a restart there is no half-bid and no
 * orphan file, the bidder resumes (or commits again), and a committed bid has its receipt. The test stops the
 * platform at those points from outside, with a lock it holds in the embedded PostgreSQL or a TSA that does not
 * answer yet; nothing in the platform's code is there for the test.
 */
class BidCrashIT {

    private static final String AGENT = "agent:" + DemoData.PASSWORD;
    private static final String BIDDER = "bidder1:" + DemoData.PASSWORD;
    private static final String ADMIN = "admin:" + DemoData.PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The demo keys and CAs, wherever the platform's working directory is. */
    private static Map<String, String> demoKeys(Map<String, String> more) {
        Path demo = DemoPki.DIR.toAbsolutePath();
        Map<String, String> env = new HashMap<>(Map.of(
                "TENDERHALL_PKI_DEMO_DIRECTORY", demo.toString(),
                "TENDERHALL_TIMESTAMP_KEY_STORE", demo.resolve("platform/tsa.p12").toString(),
                "TENDERHALL_DOCUMENT_SIGNING_KEY_STORE", demo.resolve("platform/document-signing.p12").toString(),
                "TENDERHALL_OPENING_CA_KEY_STORE", demo.resolve("platform/opening-ca.p12").toString(),
                "TENDERHALL_OPENING_KEK_STORE", demo.resolve("platform/kek.p12").toString()));
        env.putAll(more);
        return env;
    }

    /** A published goods tender with bidder 1 registered, and bidder 1's sealed bid for it. */
    private static String[] tenderAndBid(RunningPlatform platform, Path dir, int filler) throws Exception {
        return tenderAndBid(platform, dir, filler, -1);
    }

    /** The same, the upload declaring {@code declaredSize} bytes when it is not -1 (to send bytes of our own). */
    private static String[] tenderAndBid(RunningPlatform platform, Path dir, int filler, long declaredSize)
            throws Exception {
        ObjectNode example = (ObjectNode) JSON.readTree(platform.get("/api/templates/goods", null).body()).get("example");
        String deadline = OffsetDateTime.ofInstant(Instant.now().plus(25, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                ZoneId.of("Asia/Shanghai")).toString();
        example.put("bidDeadline", deadline);
        example.put("openingTime", deadline);
        ObjectNode body = JSON.createObjectNode().put("template", "goods");
        body.set("values", example);
        HttpResponse<String> drafted = platform.postJson("/api/tenders", body.toString(), AGENT);
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String tender = JSON.readTree(drafted.body()).get("id").asText();
        assertThat(platform.postJson("/api/tenders/" + tender + "/publish", "", AGENT).statusCode()).isEqualTo(200);
        assertThat(platform.postJson("/api/tenders/" + tender + "/registration", "", BIDDER).statusCode()).isEqualTo(200);
        var opening = Pem.certificates(platform.get("/api/tenders/" + tender + "/opening-certificate", null).body()
                .getBytes(StandardCharsets.US_ASCII)).get(0);
        var sealed = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender, opening, filler);
        Files.write(dir.resolve("bid.cms"), sealed.envelope());
        HttpResponse<String> created = platform.postJson("/api/tenders/" + tender + "/bids/uploads", "{\"size\":"
                + (declaredSize == -1 ? sealed.envelope().length : declaredSize) + ",\"signature\":\"" + Base64.getEncoder().encodeToString(sealed.signature())
                + "\"}", BIDDER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new String[] {tender, JSON.readTree(created.body()).get("id").asText()};
    }

    private static HttpResponse<String> patch(RunningPlatform platform, String upload, long offset, InputStream bytes,
            long length) throws Exception {
        return platform.exchange(HttpRequest.newBuilder(platform.uri("/api/bids/uploads/" + upload))
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", Long.toString(offset))
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> bytes), length)), BIDDER);
    }

    private static long offset(RunningPlatform platform, String upload) throws Exception {
        HttpResponse<String> head = platform.exchange(HttpRequest.newBuilder(platform.uri("/api/bids/uploads/" + upload))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), BIDDER);
        assertThat(head.statusCode()).isEqualTo(200);
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static long files(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void killed_in_the_middle_of_an_upload_the_bidder_resumes_after_the_restart(@TempDir Path workDir) throws Exception {
        Map<String, String> env = demoKeys(Map.of());
        String upload;
        byte[] envelope;
        try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
            String[] ids = tenderAndBid(platform, workDir, 6_000_000);
            upload = ids[1];
            envelope = Files.readAllBytes(workDir.resolve("bid.cms"));
            int first = 1_000_000;
            assertThat(patch(platform, upload, 0, new java.io.ByteArrayInputStream(envelope, 0, first), first)
                    .statusCode()).isEqualTo(204);
            // The rest, slowly; the platform is killed while it arrives.
            InputStream slow = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(envelope, first,
                    envelope.length - first)) {
                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.read(b, off, Math.min(len, 64 * 1024));
                }
            };
            Thread sending = new Thread(() -> {
                try {
                    patch(platform, upload, first, slow, envelope.length - first);
                } catch (Exception ignored) {
                    // the platform dies under it
                }
            });
            sending.start();
            Thread.sleep(1500);
            platform.kill();
            sending.join(30_000);
        }
        try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
            long held = offset(platform, upload);
            assertThat(held).isBetween(1_000_000L, (long) envelope.length);
            assertThat(patch(platform, upload, held, new java.io.ByteArrayInputStream(envelope, (int) held,
                    envelope.length - (int) held), envelope.length - held).statusCode()).isEqualTo(204);
            HttpResponse<String> receipt = platform.postJson("/api/bids/uploads/" + upload + "/commit", "", BIDDER);
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
            assertThat(files(workDir.resolve("data/blobs/sha256"))).isEqualTo(1);
            assertThat(files(workDir.resolve("data/blobs/uploads"))).isZero();
        }
    }

    @Test
    void killed_in_a_long_patch_the_upload_resumes_from_its_last_checkpoint_not_from_the_start(@TempDir Path workDir)
            throws Exception {
        long mib = 1 << 20;
        long declared = 300 * mib;
        long sentBeforeTheCrash = 80 * mib;
        Map<String, String> env = demoKeys(Map.of());
        String upload;
        try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
            upload = tenderAndBid(platform, workDir, 1000, declared)[1];
            java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
            Thread sending = new Thread(() -> {
                try {
                    patch(platform, upload, 0, StallingInput.after(sentBeforeTheCrash, killed), declared);
                } catch (Exception ignored) {
                    // the platform dies under it
                }
            });
            sending.setDaemon(true);
            sending.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (offset(platform, upload) < 64 * mib && System.nanoTime() < deadline) {
                Thread.sleep(100); // the PATCH runs on: HEAD tells its checkpoints
            }
            assertThat(offset(platform, upload)).isGreaterThanOrEqualTo(64 * mib);
            platform.kill();
            killed.countDown();
            sending.join(30_000);
        }
        try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
            long held = offset(platform, upload);
            assertThat(held).isBetween(64 * mib, sentBeforeTheCrash);
            assertThat(patch(platform, upload, held, StallingInput.after(declared - held, null), declared - held).statusCode())
                    .isEqualTo(204);
            assertThat(offset(platform, upload)).isEqualTo(declared);
        }
    }

    /**
     * A superuser connection to the platform's embedded PostgreSQL: its port from {@code postmaster.pid}, its password
     * from the file beside it. The test holds locks there to stop the platform at a point of interest.
     */
    private static Connection database(Path workDir) throws Exception {
        Path pg = workDir.resolve("data/pg");
        int port = Integer.parseInt(Files.readAllLines(pg.resolve("postmaster.pid")).get(3).trim());
        String password = Files.readString(pg.resolve("tenderhall-superuser.password"), StandardCharsets.US_ASCII).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Waits until a backend of the platform waits for the advisory lock the test holds; false after 60 s. */
    private static boolean platformWaitsForTheLock(Connection db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (count(db, "select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** A request sent on its own thread, whose answer (or -1, when the platform died under it) comes later. */
    private static CompletableFuture<Integer> inBackground(Callable<HttpResponse<String>> request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call().statusCode();
            } catch (Exception e) {
                return -1;
            }
        });
    }

    @Test
    void killed_after_the_envelope_is_written_and_before_its_row_commits_there_is_no_half_bid(@TempDir Path workDir)
            throws Exception {
        String tender;
        String upload;
        byte[] envelope;
        try (RunningPlatform platform = RunningPlatform.start(workDir, demoKeys(Map.of()))) {
            String[] ids = tenderAndBid(platform, workDir, 200_000);
            tender = ids[0];
            upload = ids[1];
            envelope = Files.readAllBytes(workDir.resolve("bid.cms"));
            assertThat(patch(platform, upload, 0, new java.io.ByteArrayInputStream(envelope), envelope.length)
                    .statusCode()).isEqualTo(204);
            try (Connection db = database(workDir); PreparedStatement lock = db.prepareStatement(
                    "select pg_advisory_lock(hashtextextended(?, 0))")) {
                // The lock the commit takes, once the envelope is kept, on the bidder's bids for the lot.
                lock.setString(1, "bid:" + tender + ":" + DemoData.BIDDER_1.code().value() + ":1");
                lock.executeQuery().close();
                CompletableFuture<Integer> commit = inBackground(() -> platform.postJson("/api/bids/uploads/" + upload
                        + "/commit", "", BIDDER));
                assertThat(platformWaitsForTheLock(db)).as("the commit waits at the lock").isTrue();
                assertThat(files(workDir.resolve("data/blobs/sha256"))).isEqualTo(1); // written, not committed
                assertThat(count(db, "select count(*) from sealed_bid")).isZero();
                platform.kill();
                assertThat(commit.get(30, TimeUnit.SECONDS)).isEqualTo(-1); // no answer: the platform died
            }
        }
        try (RunningPlatform platform = RunningPlatform.start(workDir, demoKeys(Map.of()))) {
            assertThat(files(workDir.resolve("data/blobs/sha256"))).isZero(); // the orphan is gone
            assertThat(platform.get("/api/tenders/" + tender + "/bids", BIDDER).body()).isEqualTo("[]");
            assertThat(offset(platform, upload)).isEqualTo(envelope.length); // the upload is still whole: commit it
            HttpResponse<String> receipt = platform.postJson("/api/bids/uploads/" + upload + "/commit", "", BIDDER);
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
            assertThat(files(workDir.resolve("data/blobs/sha256"))).isEqualTo(1);
            assertThat(Arrays.equals(Files.readAllBytes(platform.workDir.resolve("data/blobs/sha256")
                    .resolve(JSON.readTree(receipt.body()).get("facts").get("envelopeSha256").asText().substring(0, 2))
                    .resolve(JSON.readTree(receipt.body()).get("facts").get("envelopeSha256").asText())), envelope)).isTrue();
        }
    }

    @Test
    void killed_after_the_bid_commits_and_before_its_receipt_is_signed_the_next_start_issues_the_receipt(
            @TempDir Path workDir) throws Exception {
        String tender;
        String upload;
        String receiptHref;
        try (TsaStandIn tsa = TsaStandIn.start(Duration.ZERO)) {
            Map<String, String> env = demoKeys(tsa.env());
            try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
                String[] ids = tenderAndBid(platform, workDir, 200_000);
                tender = ids[0];
                upload = ids[1];
                byte[] envelope = Files.readAllBytes(workDir.resolve("bid.cms"));
                assertThat(patch(platform, upload, 0, new java.io.ByteArrayInputStream(envelope), envelope.length)
                        .statusCode()).isEqualTo(204);
                tsa.hold(); // the receipt's token is the last step of a commit: the platform is held there
                CompletableFuture<Integer> commit = inBackground(() -> platform.postJson("/api/bids/uploads/" + upload
                        + "/commit", "", BIDDER));
                assertThat(tsa.awaitHeldRequest(Duration.ofSeconds(60))).as("the receipt is being stamped").isTrue();

                // The bid is committed, and the audit log is free: the receipt waits alone.
                JsonNode bids = JSON.readTree(platform.get("/api/tenders/" + tender + "/bids", BIDDER).body());
                assertThat(bids).hasSize(1);
                assertThat(bids.get(0).get("status").asText()).isEqualTo("VALID");
                receiptHref = bids.get(0).get("receipts").get(0).asText();
                HttpResponse<String> pending = platform.get(receiptHref, BIDDER);
                assertThat(pending.statusCode()).as(pending.body()).isEqualTo(503);
                assertThat(JSON.readTree(pending.body()).get("type").asText()).endsWith("receipt-pending");
                assertThat(pending.headers().firstValue("Retry-After")).isPresent();
                assertThat(platform.postJson("/api/organisations", "{\"code\":\"" + Api.freshCreditCode()
                        + "\",\"name\":\"Meanwhile Co.\"}", ADMIN).statusCode())
                        .as("another state change commits meanwhile").isEqualTo(201);
                try (Connection db = database(workDir)) {
                    assertThat(count(db, "select count(*) from receipt where signature is null")).isEqualTo(1);
                }
                platform.kill();
                assertThat(commit.get(30, TimeUnit.SECONDS)).isEqualTo(-1); // no answer: the platform died
            } finally {
                tsa.release();
            }
            try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
                HttpResponse<String> receipt = platform.get(receiptHref, BIDDER);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (receipt.statusCode() == 503 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    receipt = platform.get(receiptHref, BIDDER);
                }
                assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
                JsonNode view = JSON.readTree(receipt.body());
                byte[] content = Base64.getDecoder().decode(view.get("content").asText());
                JsonNode facts = JSON.readTree(content);
                assertThat(facts.get("issuedAt")).as("the commit's time").isEqualTo(facts.get("receivedAt"));
                assertThat(facts.get("kind").asText()).isEqualTo("SUBMITTED");
                assertThat(facts.get("sequence").asLong()).isEqualTo(1);
                CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content),
                        Base64.getDecoder().decode(view.get("signature").asText()));
                SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
                @SuppressWarnings("unchecked")
                var holder = (X509CertificateHolder) signed.getCertificates().getMatches(
                        (org.bouncycastle.util.Selector<X509CertificateHolder>) (org.bouncycastle.util.Selector<?>)
                                signer.getSID()).iterator().next();
                assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))).isTrue();
                TimeStampToken token = new TimeStampToken(new CMSSignedData(Base64.getDecoder()
                        .decode(view.get("timestamp").asText())));
                assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
                assertThat(token.getTimeStampInfo().getSerialNumber()).as("the external TSA's")
                        .isGreaterThan(BigInteger.valueOf(700_000_000));
                assertThat(platform.get("/api/bids/uploads/" + upload, BIDDER).body()).contains("\"COMMITTED\"");
            }
        }
    }
}
