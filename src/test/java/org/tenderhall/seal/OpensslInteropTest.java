package org.tenderhall.seal;

import org.tenderhall.DemoPki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The envelope is standard CMS: OpenSSL, an independent implementation, opens what Tenderhall seals and seals
 * what Tenderhall opens, with the commands written in docs/bid-envelope.md.
 */
class OpensslInteropTest {

    @TempDir
    Path dir;

    private String path(Path p) {
        return p.toAbsolutePath().toString();
    }

    @ParameterizedTest(name = "{0} bidder, {1}")
    @CsvSource({"bidder1, AES_256_CBC, rsa", "bidder2, AES_256_CBC, ec", "bidder1, AES_256_GCM, rsa",
            "bidder2, AES_256_GCM, ec"})
    void openssl_decrypts_and_verifies_a_bid_sealed_by_tenderhall(String bidder, SealProfile profile, String ca)
            throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 200_000);
        SealedBid sealed = SealAndOpenTest.seal(dir, bidPackage, DemoPki.load(bidder), profile, "opening-demo", bidder);
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(DemoPki.DIR.resolve("ca/" + ca + "-root.crt"))
                + Files.readString(DemoPki.DIR.resolve("ca/" + ca + "-issuing.crt")));

        // The platform's check at submission: the detached outer signature over the envelope bytes.
        Openssl.ok(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", path(sealed.signature()),
                "-content", path(sealed.envelope()), "-CAfile", path(chain), "-purpose", "any", "-out", "/dev/null");

        // The opening: decrypt with the opening key, then verify the inner signature and take out the package.
        Path openingKey = Openssl.privateKey(dir, "opening-demo");
        Openssl.ok(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", path(sealed.envelope()),
                "-recip", path(DemoPki.certificate("opening-demo")), "-inkey", path(openingKey), "-out", "inner.p7m");
        Openssl.ok(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "inner.p7m", "-CAfile", path(chain),
                "-purpose", "any", "-out", "opened.zip");
        assertThat(Files.mismatch(dir.resolve("opened.zip"), bidPackage)).isEqualTo(-1L);

        // The bidder decrypts its own bid with its own key.
        Path bidderKey = Openssl.privateKey(dir, bidder);
        Openssl.ok(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", path(sealed.envelope()),
                "-recip", path(DemoPki.certificate(bidder)), "-inkey", path(bidderKey), "-out", "own.p7m");
        assertThat(Files.mismatch(dir.resolve("own.p7m"), dir.resolve("inner.p7m"))).isEqualTo(-1L);
    }

    @ParameterizedTest(name = "{0} bidder, {1}")
    @CsvSource({"bidder1, aes-256-cbc, AES_256_CBC", "bidder2, aes-256-cbc, AES_256_CBC",
            "bidder1, aes-256-gcm, AES_256_GCM", "bidder2, aes-256-gcm, AES_256_GCM"})
    void tenderhall_inspects_and_opens_a_bid_sealed_with_plain_openssl_commands(String bidder, String cipher,
            SealProfile profile) throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 200_000);
        Path key = Openssl.privateKey(dir, bidder);
        String certificate = path(DemoPki.certificate(bidder));
        String opening = path(DemoPki.certificate("opening-demo"));
        String rsaOaep = "rsa_padding_mode:oaep";
        String issuing = path(DemoPki.DIR.resolve(bidder.equals("bidder1") ? "ca/rsa-issuing.crt" : "ca/ec-issuing.crt"));

        // 1. Sign the package (inner SignedData, the package inside).
        Openssl.ok(dir, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", path(bidPackage),
                "-signer", certificate, "-inkey", path(key), "-certfile", issuing, "-outform", "DER", "-out", "inner.p7m");
        // 2. Encrypt the signed package to the opening certificate and the bidder's own (RSA recipients use OAEP).
        if (bidder.equals("bidder1")) {
            Openssl.ok(dir, "cms", "-encrypt", "-binary", "-" + cipher, "-in", "inner.p7m", "-outform", "DER",
                    "-recip", opening, "-keyopt", rsaOaep, "-keyopt", "rsa_oaep_md:sha256",
                    "-recip", certificate, "-keyopt", rsaOaep, "-keyopt", "rsa_oaep_md:sha256", "-out", "bid.cms");
        } else {
            Openssl.ok(dir, "cms", "-encrypt", "-binary", "-" + cipher, "-in", "inner.p7m", "-outform", "DER",
                    "-recip", opening, "-keyopt", rsaOaep, "-keyopt", "rsa_oaep_md:sha256",
                    "-recip", certificate, "-out", "bid.cms");
        }
        // 3. Sign the envelope bytes, detached (outer signature).
        Openssl.ok(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", "bid.cms", "-signer", certificate,
                "-inkey", path(key), "-certfile", issuing, "-outform", "DER", "-out", "bid.cms.p7s");

        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
        assertThat(inspection.signer()).isEqualTo(DemoPki.load(bidder).certificate());
        assertThat(inspection.certificates()).hasSize(2); // the bidder's and its issuing CA's: a path can be built
        assertThat(inspection.profile()).isEqualTo(profile);
        assertThat(inspection.isEncryptedTo(DemoPki.load("opening-demo").certificate())).isTrue();

        Signer openingKey = DemoPki.load("opening-demo");
        OpenedBid opened = BidOpener.open(dir.resolve("bid.cms"), inspection, openingKey.key(),
                openingKey.certificate(), dir);
        assertThat(Files.mismatch(opened.bidPackage(), bidPackage)).isEqualTo(-1L);
        assertThat(opened.binding()).isEmpty(); // plain OpenSSL writes no binding attributes: the manifest says it

        Signer own = DemoPki.load(bidder);
        OpenedBid ownOpened = BidOpener.open(dir.resolve("bid.cms"), inspection, own.key(), own.certificate(), dir);
        assertThat(Files.mismatch(ownOpened.bidPackage(), bidPackage)).isEqualTo(-1L);
    }
}
