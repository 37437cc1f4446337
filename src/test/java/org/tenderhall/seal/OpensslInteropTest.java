package org.tenderhall.seal;

import org.tenderhall.DemoPki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        SealedBidFiles sealed = SealAndOpenTest.seal(dir, bidPackage, DemoPki.load(bidder), profile, "opening-demo", bidder);
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

    /**
     * A bid sealed by bidder1 with the OpenSSL commands of docs/bid-envelope.md, varied as a bidder reading only
     * OpenSSL's manual might: {@code innerForm} and {@code envelopeForm} are openssl -outform values ("DER", "PEM",
     * "SMIME"; for the envelope also "BASE64": DER piped through openssl base64), {@code innerSign} and {@code outerSign} extra
     * arguments of the inner and outer {@code openssl cms -sign}, {@code signatureForm} the outer signature's -outform.
     */
    static void sealWithOpenssl(Path dir, Path bidPackage, String innerForm, List<String> innerSign,
            String envelopeForm, List<String> outerSign, String signatureForm) throws Exception {
        String key = Openssl.privateKey(dir, "bidder1").toAbsolutePath().toString();
        String certificate = DemoPki.certificate("bidder1").toAbsolutePath().toString();
        String opening = DemoPki.certificate("opening-demo").toAbsolutePath().toString();
        String issuing = DemoPki.DIR.resolve("ca/rsa-issuing.crt").toAbsolutePath().toString();
        List<String> sign = new ArrayList<>(List.of("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in",
                bidPackage.toAbsolutePath().toString(), "-signer", certificate, "-inkey", key, "-certfile", issuing,
                "-out", "inner.p7m"));
        sign.addAll(innerSign);
        Openssl.ok(dir, withForm(sign, innerForm, "inner.p7m"));
        List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", "inner.p7m",
                "-recip", opening, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256",
                "-recip", certificate, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256",
                "-out", "bid.cms"));
        Openssl.ok(dir, withForm(encrypt, envelopeForm, "bid.cms"));
        if (envelopeForm.equals("BASE64")) {
            Openssl.ok(dir, "base64", "-in", "bid.cms.der", "-out", "bid.cms");
        }
        List<String> outer = new ArrayList<>(List.of("cms", "-sign", "-binary", "-md", "sha256", "-in", "bid.cms",
                "-signer", certificate, "-inkey", key, "-certfile", issuing, "-outform", signatureForm,
                "-out", "bid.cms.p7s"));
        outer.addAll(outerSign);
        Openssl.ok(dir, outer.toArray(String[]::new));
    }

    private static String[] withForm(List<String> command, String form, String out) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of("-outform", form.equals("BASE64") ? "DER" : form));
        if (form.equals("BASE64")) {
            all.set(all.indexOf(out), out + ".der");
        }
        return all.toArray(String[]::new);
    }

    private static final List<String> PSS = List.of("-keyopt", "rsa_padding_mode:pss");

    @Test
    void a_bid_signed_with_rsa_pss_inside_and_outside_is_inspected_and_opened() throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 50_000);
        sealWithOpenssl(dir, bidPackage, "DER", PSS, "DER", PSS, "DER");

        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
        assertThat(inspection.signer()).isEqualTo(DemoPki.load("bidder1").certificate());
        Signer opening = DemoPki.load("opening-demo");
        OpenedBid opened = BidOpener.open(dir.resolve("bid.cms"), inspection, opening.key(), opening.certificate(), dir);
        assertThat(Files.mismatch(opened.bidPackage(), bidPackage)).isEqualTo(-1L);
    }

    @Test
    void an_rsa_pss_outer_signature_with_other_parameters_than_sha256_is_refused_saying_which() throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 1000);
        sealWithOpenssl(dir, bidPackage, "DER", List.of(), "DER",
                List.of("-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_mgf1_md:sha1"), "DER");
        SealException refused = refusal(() -> EnvelopeInspector.inspect(dir.resolve("bid.cms"),
                Files.readAllBytes(dir.resolve("bid.cms.p7s"))));
        assertThat(refused.reason()).isEqualTo(SealFailure.MALFORMED);
        assertThat(refused.getMessage()).contains("RSASSA-PSS", "MGF1", "SHA-256");
        assertNoLibraryText(refused);
    }

    @Test
    void an_rsa_pss_inner_signature_with_other_parameters_than_sha256_is_refused_saying_which() throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 1000);
        sealWithOpenssl(dir, bidPackage, "DER", List.of("-keyopt", "rsa_padding_mode:pss", "-keyopt",
                "rsa_mgf1_md:sha1"), "DER", List.of(), "DER");
        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
        Signer opening = DemoPki.load("opening-demo");
        SealException refused = refusal(() -> BidOpener.open(dir.resolve("bid.cms"), inspection, opening.key(),
                opening.certificate(), dir));
        assertThat(refused.reason()).isEqualTo(SealFailure.INNER_SIGNATURE_INVALID);
        assertThat(refused.getMessage()).contains("RSASSA-PSS", "MGF1", "SHA-256");
        assertNoLibraryText(refused);
    }

    @ParameterizedTest
    @CsvSource({"PEM, PEM", "SMIME, S/MIME", "BASE64, Base64"})
    void an_envelope_written_as_text_is_refused_saying_to_send_the_der_bytes(String form, String named)
            throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 1000);
        sealWithOpenssl(dir, bidPackage, "DER", List.of(), form, List.of(), "DER");
        SealException refused = refusal(() -> EnvelopeInspector.inspect(dir.resolve("bid.cms"),
                Files.readAllBytes(dir.resolve("bid.cms.p7s"))));
        assertThat(refused.reason()).isEqualTo(SealFailure.MALFORMED);
        assertThat(refused.getMessage()).contains("The envelope is " + named, "send the DER bytes", "-outform DER");
        assertNoLibraryText(refused);
    }

    @Test
    void an_outer_signature_written_as_pem_is_read_as_its_der() throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 1000);
        sealWithOpenssl(dir, bidPackage, "DER", List.of(), "DER", List.of(), "PEM");
        assertThat(Files.readString(dir.resolve("bid.cms.p7s"))).startsWith("-----BEGIN CMS-----");
        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
        assertThat(inspection.signer()).isEqualTo(DemoPki.load("bidder1").certificate());
    }

    @ParameterizedTest
    @CsvSource({"PEM, PEM", "SMIME, S/MIME"})
    void a_signed_bid_written_as_text_inside_the_envelope_passes_inspection_and_is_refused_at_opening_naming_it(
            String form, String named) throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 1000);
        sealWithOpenssl(dir, bidPackage, form, List.of(), "DER", List.of(), "DER");
        // The platform cannot see inside before the opening: the envelope itself is sound.
        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
        Signer opening = DemoPki.load("opening-demo");
        SealException refused = refusal(() -> BidOpener.open(dir.resolve("bid.cms"), inspection, opening.key(),
                opening.certificate(), dir));
        assertThat(refused.reason()).isEqualTo(SealFailure.INNER_SIGNATURE_INVALID);
        assertThat(refused.getMessage()).contains("The signed bid inside the envelope is " + named + " text, not DER",
                "-outform DER");
        assertNoLibraryText(refused);
    }

    interface Call {
        void run() throws Exception;
    }

    static SealException refusal(Call call) {
        try {
            call.run();
        } catch (SealException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("refused with " + e + " instead of a SealException", e);
        }
        throw new AssertionError("not refused");
    }

    /** No exception text of Bouncy Castle or the JDK: a refusal's message reaches the bidder as it is. */
    static void assertNoLibraryText(SealException refused) {
        assertThat(refused.getMessage()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w*")
                .doesNotContain("Exception", "DL object", "encountered", "cannot be cast", "getInstance");
    }
}
