package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.OutsideTools;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.TrustMaterial;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.Signer;

/**
 * The standalone {@code target/bidkit.jar} as a bidder runs it: a bid it seals, and one sealed by plain OpenSSL
 * commands from the same package, both pass the platform's checks and open to the identical package.
 */
class BidkitJarIT {

    @TempDir
    Path dir;

    private final TrustMaterial demoTrust = new TrustMaterial(List.of(DemoPki.ca("rsa-root"), DemoPki.ca("ec-root")),
            List.of(DemoPki.crl("rsa-issuing"), DemoPki.crl("ec-issuing")));

    private String run(String... args) throws Exception {
        return run(java.util.Map.of("BIDKIT_PASSWORD", "tenderhall-demo"), args);
    }

    private String run(java.util.Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx64m", "-jar",
                Path.of(System.getProperty("tenderhall.bidkit.jar", "target/bidkit.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return exec(command, environment);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String exec(List<String> command, java.util.Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private OpenedBid platformChecksAndOpens(Path envelope, Path signature, String bidderCode) throws Exception {
        Inspection inspection = EnvelopeInspector.inspect(envelope, Files.readAllBytes(signature));
        Signer opening = DemoPki.load("opening-demo");
        assertThat(inspection.isEncryptedTo(opening.certificate())).isTrue();
        CertificateCheck.check(inspection.signer(), inspection.certificates(), demoTrust, Instant.now(), bidderCode,
                CertificateCheck.Purpose.SIGNING);
        return BidOpener.open(envelope, inspection, opening.key(), opening.certificate(), dir);
    }

    @Test
    void bids_sealed_by_bidkit_and_by_plain_openssl_pass_the_platform_checks_and_open_to_the_identical_package()
            throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bid/技术标"));
        Files.writeString(dir.resolve("bid/manifest.json"), "{\"tenderId\":\"T-2026-0001\",\"lot\":\"2\","
                + "\"bidder\":\"91350200B00000051U\",\"price\":\"8800000.00\",\"durationDays\":\"240\"}");
        Files.writeString(folder.resolve("施工组织设计.txt"), "施工组织设计 ".repeat(10_000));
        String opening = DemoPki.certificate("opening-demo").toAbsolutePath().toString();
        String key = DemoPki.p12("bidder2").toAbsolutePath().toString();

        String sealed = run("seal", "--key", key, "--folder", "bid", "--opening-certificate", opening, "--out", "bidkit");
        assertThat(sealed).contains("Sealed the bid of 91350200B00000051U");
        // Not on a terminal: each step one line, not redrawn.
        assertThat(sealed).containsPattern("(?m)^packaging [0-9.]+ (B|KiB|MiB)$")
                .containsPattern("(?m)^signing and encrypting [0-9.]+ (B|KiB|MiB)$").doesNotContain("\r");
        run("verify", "--envelope", "bidkit/bid.cms", "--opening-certificate", opening, "--trust",
                DemoPki.DIR.resolve("ca/ec-root.crt").toAbsolutePath().toString());
        run("open", "--key", key, "--envelope", "bidkit/bid.cms", "--out", "own");
        Path bidPackage = dir.resolve("own/package.zip");

        OpenedBid byBidkit = platformChecksAndOpens(dir.resolve("bidkit/bid.cms"), dir.resolve("bidkit/bid.cms.p7s"),
                "91350200B00000051U");

        // The same package, sealed with the OpenSSL commands of docs/bid-envelope.md.
        Path pemKey = dir.resolve("bidder2.key");
        String certificate = DemoPki.certificate("bidder2").toAbsolutePath().toString();
        openssl("pkcs12", "-in", key, "-nocerts", "-nodes", "-passin", "pass:tenderhall-demo", "-out", pemKey.toString());
        String issuing = DemoPki.DIR.resolve("ca/ec-issuing.crt").toAbsolutePath().toString();
        openssl("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", bidPackage.toString(), "-signer",
                certificate, "-inkey", pemKey.toString(), "-certfile", issuing, "-outform", "DER", "-out", "inner.p7m");
        openssl("cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", "inner.p7m", "-outform", "DER", "-recip", opening,
                "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-recip", certificate, "-out", "openssl.cms");
        openssl("cms", "-sign", "-binary", "-md", "sha256", "-in", "openssl.cms", "-signer", certificate, "-inkey",
                pemKey.toString(), "-certfile", issuing, "-outform", "DER", "-out", "openssl.cms.p7s");
        OpenedBid byOpenssl = platformChecksAndOpens(dir.resolve("openssl.cms"), dir.resolve("openssl.cms.p7s"),
                "91350200B00000051U");

        assertThat(byBidkit.packageSha256()).isEqualTo(byOpenssl.packageSha256());
        assertThat(Files.mismatch(byBidkit.bidPackage(), byOpenssl.bidPackage())).isEqualTo(-1L);
        assertThat(Files.mismatch(byBidkit.bidPackage(), bidPackage)).isEqualTo(-1L);
    }

    @Test
    void the_jar_lists_its_commands_and_explains_each() throws Exception {
        assertThat(run("--help")).contains("Usage: bidkit", "seal", "verify", "open", "submit", "receipt", "share",
                "decrypt", "Exit codes:");
        for (String command : List.of("seal", "verify", "open", "submit", "share", "decrypt")) {
            assertThat(run(command, "--help")).contains("Usage: bidkit " + command);
        }
        assertThat(run("receipt", "verify", "--help")).contains("Usage: bidkit receipt verify");
    }

    static final Path SOFTHSM = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    @Test
    void bidkit_seals_and_opens_with_the_key_on_a_pkcs11_token() throws Exception {
        OutsideTools.requireFile(SOFTHSM, "softhsm2");
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path softhsmConf = Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + tokens + "\n");
        var token = java.util.Map.of("SOFTHSM2_CONF", softhsmConf.toString(), "BIDKIT_PASSWORD", "4321");
        exec(List.of("softhsm2-util", "--init-token", "--free", "--label", "bidder1", "--pin", "4321", "--so-pin",
                "87654321"), token);
        Path config = Files.writeString(dir.resolve("token.cfg"), "name = Bidder1Token\nlibrary = " + SOFTHSM
                + "\nslotListIndex = 0\n");
        // Put the demo bidder's key and certificate on the token, as a CA's enrolment would.
        exec(List.of(java(), "-cp", System.getProperty("java.class.path"), TokenEnrolment.class.getName(),
                config.toString(), DemoPki.p12("bidder1").toAbsolutePath().toString()), token);

        Files.createDirectories(dir.resolve("bid"));
        Files.writeString(dir.resolve("bid/manifest.json"), "{\"tenderId\":\"T-2026-0001\",\"lot\":\"1\","
                + "\"bidder\":\"91350200B000000431\",\"price\":\"100.00\"}");
        String opening = DemoPki.certificate("opening-demo").toAbsolutePath().toString();
        assertThat(run(token, "seal", "--pkcs11-config", config.toString(), "--folder", "bid", "--opening-certificate",
                opening, "--out", "sealed")).contains("Sealed the bid of 91350200B000000431");
        assertThat(run(token, "open", "--pkcs11-config", config.toString(), "--envelope", "sealed/bid.cms", "--out",
                "own")).contains("Opened");
        OpenedBid opened = platformChecksAndOpens(dir.resolve("sealed/bid.cms"), dir.resolve("sealed/bid.cms.p7s"),
                "91350200B000000431");
        assertThat(Files.mismatch(opened.bidPackage(), dir.resolve("own/package.zip"))).isEqualTo(-1L);
    }

    /** Run in a JVM of its own (SunPKCS11 reads SOFTHSM2_CONF from the environment): key and chain onto the token. */
    public static final class TokenEnrolment {
        public static void main(String[] args) throws Exception {
            java.security.Provider provider = java.security.Security.getProvider("SunPKCS11").configure(args[0]);
            java.security.KeyStore token = java.security.KeyStore.getInstance("PKCS11", provider);
            char[] pin = System.getenv("BIDKIT_PASSWORD").toCharArray();
            token.load(null, pin);
            Signer bidder = Signer.fromPkcs12(Path.of(args[1]), "tenderhall-demo".toCharArray());
            token.setKeyEntry("bidder1", bidder.key(), pin,
                    bidder.chain().toArray(new java.security.cert.Certificate[0]));
            System.out.println("enrolled: " + java.util.Collections.list(token.aliases()));
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
