package org.tenderhall.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.TrustMaterial;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.seal.BidSealer;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.SealProfile;
import org.tenderhall.seal.Signer;

/**
 * Sealing and opening a large bid, streaming, in a JVM capped at -Xmx128m, against OpenSSL on the same file in
 * the same run. Run with {@code ./mvnw -B -Pbenchmark test} (size: {@code -Dbenchmark.mib=1024}); the figures
 * are written to docs/performance.md.
 */
class EnvelopeBenchmark {

    private static final Path WORK = Path.of("target/benchmark");
    private static final String MARK = "<!-- envelope-benchmark -->";

    @Test
    void seal_and_open_a_large_bid_within_128_mib_of_heap() throws Exception {
        long mib = Long.getLong("benchmark.mib", 1024);
        Files.createDirectories(WORK);
        Path bidPackage = WORK.resolve("package.bin");
        Benchmarks.writeIncompressible(bidPackage, mib << 20);
        double size = Files.size(bidPackage) / 1e6; // MB

        double seal = fork("seal");
        double open = fork("open");
        Path opened = WORK.resolve("opened.zip");
        assertThat(Files.mismatch(opened, bidPackage)).isEqualTo(-1L);

        // The practical limit: raw AES-256-CBC decryption of the same data, then its SHA-256, by OpenSSL.
        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
        String iv = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Benchmarks.openssl("enc", "-aes-256-cbc", "-K", key, "-iv", iv, "-in", bidPackage.toString(), "-out", WORK.resolve("package.enc").toString());
        double enc = Benchmarks.timed(() -> Benchmarks.openssl("enc", "-d", "-aes-256-cbc", "-K", key, "-iv", iv, "-in",
                WORK.resolve("package.enc").toString(), "-out", WORK.resolve("package.dec").toString()));
        double dgst = Benchmarks.timed(() -> Benchmarks.openssl("dgst", "-sha256", WORK.resolve("package.dec").toString()));
        double encCpu = Benchmarks.timed(() -> Benchmarks.openssl("enc", "-d", "-aes-256-cbc", "-K", key, "-iv", iv, "-in",
                WORK.resolve("package.enc").toString(), "-out", "/dev/null"));

        // What a bidder would use instead: openssl cms -decrypt, then cms -verify, on Tenderhall's envelope.
        Path openingKey = WORK.resolve("opening.key");
        Benchmarks.openssl("pkcs12", "-in", DemoPki.p12("opening-demo").toString(), "-nocerts", "-nodes", "-passin",
                "pass:tenderhall-demo", "-out", openingKey.toString());
        double cmsDecrypt = Benchmarks.timed(() -> Benchmarks.openssl("cms", "-decrypt", "-binary", "-inform", "DER", "-in",
                WORK.resolve("bid.cms").toString(), "-recip", DemoPki.certificate("opening-demo").toString(), "-inkey",
                openingKey.toString(), "-out", WORK.resolve("inner.p7m").toString()));
        double cmsVerify = Benchmarks.timed(() -> Benchmarks.openssl("cms", "-verify", "-binary", "-inform", "DER", "-in",
                WORK.resolve("inner.p7m").toString(), "-noverify", "-out", WORK.resolve("openssl-opened.bin").toString()));

        double limit = size / (enc + dgst);
        double cmsPair = size / (cmsDecrypt + cmsVerify);
        double ours = size / open;
        String report = String.format(Locale.ROOT, """
                %s
                ## Sealing and opening a bid (envelope benchmark)

                %s, `./mvnw -B -Pbenchmark test -Dbenchmark.mib=%d`. Machine: %s; %s; %s.

                One %d MiB bid package (incompressible), AES-256-CBC profile, bidder key RSA 3072 (demo `bidder1`),
                opening key RSA 3072. Tenderhall's seal and open each run in their own JVM with `-Xmx128m`.

                | step | seconds | MB/s | vs. practical limit |
                | --- | ---: | ---: | ---: |
                | Tenderhall seal (zip not included: sign, encrypt, outer signature) | %.2f | %.0f | |
                | **Tenderhall open** (decrypt + inner verify + envelope SHA-256 check + signer path check) | %.2f | %.0f | **%.2f** |
                | `openssl enc -d -aes-256-cbc` | %.2f | %.0f | |
                | `openssl dgst -sha256` | %.2f | %.0f | |
                | practical limit: the two above, one after the other | %.2f | %.0f | 1.00 |
                | (for scale: `openssl enc -d` to `/dev/null`, no disk write) | %.2f | %.0f | |
                | `openssl cms -decrypt` | %.2f | %.0f | |
                | `openssl cms -verify` | %.2f | %.0f | |
                | the openssl cms pair | %.2f | %.0f | %.2f |

                Targets: open at least 0.6 of the practical limit (measured: %.2f), and faster than the openssl
                cms pair (measured: %.1f times as fast). Both within `-Xmx128m` of heap. Tenderhall's open and the
                practical limit both write the plaintext to the same disk (`target/benchmark`); where that disk is
                slower than decryption, it bounds both, as the row for scale shows.
                %s
                """, MARK, LocalDate.now(), mib, Benchmarks.machine(), Benchmarks.javaVersion(), Benchmarks.opensslVersion(), mib,
                seal, size / seal, open, ours, ours / limit, enc, size / enc, dgst, size / dgst, enc + dgst, limit,
                encCpu, size / encCpu,
                cmsDecrypt, size / cmsDecrypt, cmsVerify, size / cmsVerify, cmsDecrypt + cmsVerify, cmsPair, cmsPair / limit,
                ours / limit, ours / cmsPair, MARK);
        System.out.println(report);
        Benchmarks.report(MARK, report);
        for (String scratch : List.of("package.enc", "package.dec", "inner.p7m", "openssl-opened.bin", "opened.zip")) {
            Files.deleteIfExists(WORK.resolve(scratch));
        }
    }

    /** The forked side: {@code seal} or {@code open}, printing its own wall time in seconds. */
    public static void main(String[] args) throws Exception {
        Signer bidder = DemoPki.load("bidder1");
        Signer opening = DemoPki.load("opening-demo");
        long began = System.nanoTime();
        if (args[0].equals("seal")) {
            try (InputStream in = Files.newInputStream(WORK.resolve("package.bin"))) {
                BidSealer.seal(in, bidder, new BidBinding("T-BENCH", "1", "91350200B000000431"),
                        List.of(opening.certificate(), bidder.certificate()), SealProfile.AES_256_CBC,
                        WORK.resolve("bid.cms"), WORK.resolve("bid.cms.p7s"));
            }
        } else {
            // The signer was inspected at upload; the opening decrypts, verifies the inner signature, checks the path.
            Inspection inspection = EnvelopeInspector.inspect(WORK.resolve("bid.cms"), Files.readAllBytes(WORK.resolve("bid.cms.p7s")));
            began = System.nanoTime();
            OpenedBid opened = BidOpener.open(WORK.resolve("bid.cms"), inspection, opening.key(),
                    opening.certificate(), WORK);
            CertificateCheck.check(opened.signer(), opened.certificates(), new TrustMaterial(List.of(DemoPki.ca("rsa-root")),
                    List.of(DemoPki.crl("rsa-issuing"))), Instant.now(), "91350200B000000431", CertificateCheck.Purpose.SIGNING);
            Files.move(opened.bidPackage(), WORK.resolve("opened.zip"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("SECONDS " + (System.nanoTime() - began) / 1e9);
    }

    private static double fork(String step) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), EnvelopeBenchmark.class.getName(), step);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return Double.parseDouble(output.lines().filter(l -> l.startsWith("SECONDS ")).findFirst().orElseThrow()
                .substring(8));
    }

}
