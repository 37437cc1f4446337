package org.tenderhall.bidkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;

/** bidkit's commands, and a clear message with its own exit code for each mistake a bidder can make. */
class BidkitTest {

    @TempDir
    Path dir;

    private Path folder;
    private Path password;
    private final String opening = DemoPki.certificate("opening-demo").toAbsolutePath().toString();

    record Run(int exit, String out, String err) {
    }

    private Run bidkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Bidkit.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] withKey(String demo, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--key", DemoPki.p12(demo).toAbsolutePath().toString(), "--password-file", password.toString()));
        return all.toArray(String[]::new);
    }

    @BeforeEach
    void bidFolder() throws Exception {
        folder = Files.createDirectories(dir.resolve("bid/商务标"));
        folder = dir.resolve("bid");
        Files.writeString(folder.resolve("manifest.json"), "{\"tenderId\":\"T-2026-0001\",\"lot\":\"1\","
                + "\"bidder\":\"91350200B000000431\",\"price\":\"12345678.90\",\"durationDays\":\"365\"}");
        Files.writeString(folder.resolve("商务标/报价.txt"), "投标报价 12,345,678.90 元");
        password = Files.writeString(dir.resolve("password"), "tenderhall-demo\n");
    }

    @Test
    void seal_verify_and_open_a_bid() {
        Run seal = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening,
                "--out", dir.resolve("sealed").toString()));
        assertThat(seal.exit()).as(seal.err()).isZero();
        assertThat(seal.out()).contains("Sealed the bid of 91350200B000000431", "price 12345678.90");

        Run verify = bidkit(withKey("bidder1", "verify", "--envelope", dir.resolve("sealed/bid.cms").toString(),
                "--opening-certificate", opening, "--trust", DemoPki.DIR.resolve("ca/rsa-root.crt").toString(), "--crl",
                DemoPki.DIR.resolve("crl/rsa-issuing.crl").toString()));
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("opens with your key: the signed bid inside verifies",
                "signer trusted: yes, for 91350200B000000431", "OK");

        Run open = bidkit(withKey("bidder1", "open", "--envelope", dir.resolve("sealed/bid.cms").toString(), "--out",
                dir.resolve("opened").toString()));
        assertThat(open.exit()).as(open.err()).isZero();
        assertThat(dir.resolve("opened/package.zip")).exists();
    }

    @Test
    void sealing_says_each_step_on_one_line_when_not_on_a_terminal_and_nothing_with_quiet() throws Exception {
        byte[] attachment = new byte[3 << 20];
        new java.util.Random(14).nextBytes(attachment); // does not compress: the package is as large
        Files.write(folder.resolve("商务标/附件.bin"), attachment);
        Run seal = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening,
                "--out", dir.resolve("sealed").toString()));
        assertThat(seal.exit()).as(seal.err()).isZero();
        // Tests run without a terminal: the steps, one line each, and no line redrawn.
        assertThat(seal.err().lines()).hasSize(2).satisfiesExactly(
                line -> assertThat(line).matches("packaging 3\\.0 MiB"),
                line -> assertThat(line).matches("signing and encrypting 3\\.0 MiB"));
        assertThat(seal.err()).doesNotContain("\r");

        Run quiet = bidkit(withKey("bidder1", "seal", "--quiet", "--folder", folder.toString(), "--opening-certificate",
                opening, "--out", dir.resolve("quiet").toString()));
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).startsWith("Sealed the bid of 91350200B000000431").contains("envelope:  ");
    }

    @Test
    void verify_with_the_bidders_key_catches_a_signed_bid_written_as_pem_inside_the_envelope() throws Exception {
        Path bidPackage = dir.resolve("package.zip");
        try (var zip = Files.newOutputStream(bidPackage)) {
            BidFolder.zip(folder, zip);
        }
        String key = org.tenderhall.seal.Openssl.privateKey(dir, "bidder1").toString();
        String certificate = DemoPki.certificate("bidder1").toAbsolutePath().toString();
        String issuing = DemoPki.DIR.resolve("ca/rsa-issuing.crt").toAbsolutePath().toString();
        // The bid signed with -outform PEM, then encrypted and signed as docs/bid-envelope.md says.
        org.tenderhall.seal.Openssl.ok(dir, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in",
                bidPackage.toString(), "-signer", certificate, "-inkey", key, "-certfile", issuing, "-outform", "PEM",
                "-out", "inner.p7m");
        org.tenderhall.seal.Openssl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", "inner.p7m",
                "-outform", "DER", "-recip", opening, "-keyopt", "rsa_padding_mode:oaep", "-keyopt",
                "rsa_oaep_md:sha256", "-recip", certificate, "-keyopt", "rsa_padding_mode:oaep", "-keyopt",
                "rsa_oaep_md:sha256", "-out", "bid.cms");
        org.tenderhall.seal.Openssl.ok(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", "bid.cms", "-signer",
                certificate, "-inkey", key, "-certfile", issuing, "-outform", "DER", "-out", "bid.cms.p7s");

        Run outside = bidkit("verify", "--envelope", dir.resolve("bid.cms").toString(), "--opening-certificate", opening);
        assertThat(outside.exit()).as(outside.err()).isZero(); // what the platform sees at upload is sound
        assertThat(outside.out()).contains("the signed bid inside: not checked (add --key");

        Run inside = bidkit(withKey("bidder1", "verify", "--envelope", dir.resolve("bid.cms").toString(),
                "--opening-certificate", opening));
        assertThat(inside.exit()).isEqualTo(Bidkit.REFUSED);
        assertThat(inside.err()).startsWith("REFUSED (invalid-inner-signature): The signed bid inside the envelope is"
                + " PEM text, not DER").doesNotContain("Exception");
    }

    @Test
    void the_national_profile_seals_verifies_and_opens_with_sm2_keys() throws Exception {
        Files.writeString(folder.resolve("manifest.json"), Files.readString(folder.resolve("manifest.json"))
                .replace("91350200B000000431", "91350200B00000051U"));
        Run seal = bidkit(withKey("bidder2-sm2", "seal", "--profile", "SM4_CBC_SM2", "--folder", folder.toString(),
                "--opening-certificate", DemoPki.certificate("opening-demo-sm2").toAbsolutePath().toString(),
                "--out", dir.resolve("sealed").toString()));
        assertThat(seal.exit()).as(seal.err()).isZero();
        Run verify = bidkit("verify", "--envelope", dir.resolve("sealed/bid.cms").toString(), "--trust",
                DemoPki.DIR.resolve("ca/sm2-root.crt").toString(), "--crl", DemoPki.DIR.resolve("crl/sm2-issuing.crl").toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("profile SM4_CBC_SM2", "signer trusted: yes, for 91350200B00000051U");
        Run open = bidkit(withKey("bidder2-sm2", "open", "--envelope", dir.resolve("sealed/bid.cms").toString(), "--out",
                dir.resolve("opened").toString()));
        assertThat(open.exit()).as(open.err()).isZero();
    }

    @Test
    void the_same_folder_always_gives_the_same_package() throws Exception {
        var first = new java.io.ByteArrayOutputStream();
        var second = new java.io.ByteArrayOutputStream();
        BidFolder.zip(folder, first);
        BidFolder.zip(folder, second);
        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
    }

    @Test
    void sealed_files_may_not_be_written_into_the_bid_folder() {
        Run run = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening,
                "--out", folder.resolve("sealed").toString()));
        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).contains("is inside the bid folder");
    }

    @Test
    void a_wrong_password_says_so() throws Exception {
        Files.writeString(password, "not-it");
        Run run = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening));
        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).startsWith("bidkit: Wrong password for ").doesNotContain("Exception");
    }

    @Test
    void a_missing_file_is_named() {
        Run run = bidkit("seal", "--key", dir.resolve("nowhere.p12").toString(), "--password-file", password.toString(),
                "--folder", folder.toString(), "--opening-certificate", opening);
        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).contains("No such file: ").contains("nowhere.p12");
    }

    @Test
    void an_expired_certificate_is_refused_before_sealing() throws Exception {
        Files.writeString(folder.resolve("manifest.json"), Files.readString(folder.resolve("manifest.json"))
                .replace("91350200B000000431", "91350200B0000006XK"));
        Run run = bidkit(withKey("bidder3-expired", "seal", "--folder", folder.toString(), "--opening-certificate", opening,
                "--out", dir.toString()));
        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).contains("Your certificate expired on 2025-01-01");
        assertThat(dir.resolve("bid.cms")).doesNotExist();
    }

    @Test
    void a_folder_without_a_manifest_is_refused() throws Exception {
        Files.delete(folder.resolve("manifest.json"));
        Run run = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening));
        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).contains("has no manifest.json");
    }

    @Test
    void a_manifest_without_a_price_is_refused() throws Exception {
        Files.writeString(folder.resolve("manifest.json"),
                "{\"tenderId\":\"T-1\",\"lot\":\"1\",\"bidder\":\"91350200B000000431\"}");
        Run run = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening));
        assertThat(run.err()).contains("lacks price");
    }

    @Test
    void a_manifest_of_another_organisation_than_the_certificate_is_refused() {
        Run run = bidkit(withKey("bidder2", "seal", "--folder", folder.toString(), "--opening-certificate", opening));
        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).contains("names bidder 91350200B000000431 but your certificate belongs to 91350200B00000051U");
    }

    @Test
    void a_signing_certificate_given_as_the_opening_certificate_is_refused() {
        Run run = bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate",
                DemoPki.DIR.resolve("platform/document-signing.crt").toString()));
        assertThat(run.err()).contains("is not an encryption certificate");
    }

    @Test
    void opening_someone_elses_bid_is_refused_with_the_reason() {
        bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening, "--out",
                dir.resolve("sealed").toString()));
        Run run = bidkit(withKey("bidder3", "open", "--envelope", dir.resolve("sealed/bid.cms").toString(), "--out",
                dir.resolve("x").toString()));
        assertThat(run.exit()).isEqualTo(Bidkit.REFUSED);
        assertThat(run.err()).startsWith("REFUSED (not-a-recipient)");
    }

    @Test
    void verifying_against_a_trust_list_without_the_signers_ca_is_refused() {
        bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening, "--out",
                dir.resolve("sealed").toString()));
        Run run = bidkit("verify", "--envelope", dir.resolve("sealed/bid.cms").toString(), "--trust",
                DemoPki.DIR.resolve("ca/ec-root.crt").toString());
        assertThat(run.exit()).isEqualTo(Bidkit.REFUSED);
        assertThat(run.err()).startsWith("REFUSED (untrusted-ca)");
    }

    @Test
    void a_bid_not_encrypted_to_the_given_opening_certificate_is_refused() {
        bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening, "--out",
                dir.resolve("sealed").toString()));
        Run run = bidkit("verify", "--envelope", dir.resolve("sealed/bid.cms").toString(), "--opening-certificate",
                DemoPki.certificate("opening-demo-sm2").toAbsolutePath().toString());
        assertThat(run.exit()).isEqualTo(Bidkit.REFUSED);
        assertThat(run.err()).startsWith("REFUSED (not-a-recipient)");
    }

    @Test
    void a_damaged_envelope_fails_verification_with_its_reason() throws Exception {
        bidkit(withKey("bidder1", "seal", "--folder", folder.toString(), "--opening-certificate", opening, "--out",
                dir.resolve("sealed").toString()));
        Path envelope = dir.resolve("sealed/bid.cms");
        byte[] bytes = Files.readAllBytes(envelope);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(envelope, bytes);
        Run run = bidkit("verify", "--envelope", envelope.toString());
        assertThat(run.exit()).isEqualTo(Bidkit.REFUSED);
        assertThat(run.err()).startsWith("REFUSED (tampered-envelope)");
    }
}
