package org.tenderhall.bidkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tenderhall.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.identity.DemoData;
import org.tenderhall.platform.TestClock;
import org.tenderhall.tender.Tendering;

/** bidkit submit against the running platform, through a connection that drops in the middle of the upload. */
@QuarkusTest
class BidkitSubmitTest {

    @TestHTTPResource("/")
    URL platform;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bidkit(String... args) {
        return Bidkit.run(TestClock.get(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void a_bid_submitted_over_a_connection_that_drops_midway_resumes_and_its_receipt_verifies() throws Exception {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        var bid = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender,
                SealedBids.openingCertificate(tender), 3_000_000);
        Path envelope = Files.write(dir.resolve("bid.cms"), bid.envelope());
        Files.write(dir.resolve("bid.cms.p7s"), bid.signature());
        Path password = Files.writeString(dir.resolve("password"), DemoData.PASSWORD + "\n");

        try (DroppingProxy proxy = new DroppingProxy(platform.getPort(), 1_000_000)) {
            int exit = bidkit("submit", "--envelope", envelope.toString(), "--platform",
                    "http://localhost:" + proxy.port(), "--tender", tender, "--user", "bidder1",
                    "--platform-password-file", password.toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(proxy.dropped()).isTrue();
        }
        // Tests run without a terminal: one line per step, none redrawn.
        assertThat(err.toString()).contains("checking " + envelope, "upload ", " created for ", "uploading 2.9 MiB",
                "connection lost", "resuming", "uploading the last ", "committing upload").doesNotContain("\r");
        assertThat(out.toString()).contains("Submitted: bid", "for tender " + tender);
        assertThat(dir.resolve("bid.cms.upload")).doesNotExist();
        Path receipt;
        try (var files = Files.list(dir)) {
            receipt = files.filter(f -> f.getFileName().toString().startsWith("receipt-")).findFirst().orElseThrow();
        }

        out.getBuffer().setLength(0);
        int verified = bidkit("receipt", "verify", "--receipt", receipt.toString(), "--platform-ca",
                DemoPki.DIR.resolve("ca/platform-ca.crt").toString(), "--envelope", envelope.toString());
        assertThat(verified).as(err.toString()).isZero();
        assertThat(out.toString()).contains("signature: valid", "timestamp: valid", "envelope: ", "matches", "OK");

        Files.write(envelope, new byte[] {1, 2, 3});
        err.getBuffer().setLength(0);
        assertThat(bidkit("receipt", "verify", "--receipt", receipt.toString(), "--platform-ca",
                DemoPki.DIR.resolve("ca/platform-ca.crt").toString(), "--envelope", envelope.toString()))
                .isEqualTo(Bidkit.REFUSED);
        assertThat(err.toString()).contains("INVALID");

        String tampered = Files.readString(receipt).replaceFirst("\"content\":\"e", "\"content\":\"f");
        Files.writeString(receipt, tampered);
        err.getBuffer().setLength(0);
        assertThat(bidkit("receipt", "verify", "--receipt", receipt.toString(), "--platform-ca",
                DemoPki.DIR.resolve("ca/platform-ca.crt").toString())).isEqualTo(Bidkit.REFUSED);
    }

    @Test
    void a_quiet_submit_prints_only_its_result() throws Exception {
        String tender = Tendering.published("goods", Tendering.example("goods"));
        as("bidder1").post("/api/tenders/" + tender + "/registration").then().statusCode(200);
        var bid = SealedBids.seal("bidder1", DemoData.BIDDER_1.code().value(), tender,
                SealedBids.openingCertificate(tender), 100_000);
        Path envelope = Files.write(dir.resolve("bid.cms"), bid.envelope());
        Files.write(dir.resolve("bid.cms.p7s"), bid.signature());
        Path password = Files.writeString(dir.resolve("password"), DemoData.PASSWORD + "\n");

        int exit = bidkit("submit", "--quiet", "--envelope", envelope.toString(), "--platform",
                "http://localhost:" + platform.getPort(), "--tender", tender, "--user", "bidder1",
                "--platform-password-file", password.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("Submitted: bid").contains("for tender " + tender);
    }

    /** Forwards TCP to the platform and cuts the connection once, after that many bytes from the client. */
    static final class DroppingProxy implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final AtomicLong sent = new AtomicLong();
        private final long dropAfter;
        private volatile boolean dropped;

        DroppingProxy(int target, long dropAfter) throws IOException {
            this.dropAfter = dropAfter;
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket("localhost", target);
                        pump(client, upstream, true);
                        pump(upstream, client, false);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pump(Socket from, Socket to, boolean counted) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16_384];
                try (InputStream in = from.getInputStream(); OutputStream outStream = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) != -1) {
                        outStream.write(buffer, 0, read);
                        if (counted && !dropped && sent.addAndGet(read) > dropAfter) {
                            dropped = true;
                            from.close();
                            to.close();
                            return;
                        }
                    }
                } catch (IOException ignored) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closed already
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean dropped() {
            return dropped;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
