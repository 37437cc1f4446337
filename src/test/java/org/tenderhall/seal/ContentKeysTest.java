package org.tenderhall.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tenderhall.DemoPki;

/** A bidder takes its bid's content key out with its own key; the key alone then opens the bid. */
class ContentKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"bidder1, AES_256_CBC", "bidder2, AES_256_CBC", "bidder1, AES_256_GCM", "bidder2, AES_256_GCM"})
    void the_content_key_a_bidder_takes_out_opens_its_bid_and_a_wrong_one_does_not(String bidder, SealProfile profile)
            throws Exception {
        Signer signer = DemoPki.load(bidder);
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 100_000);
        BidSealer.seal(Files.newInputStream(bidPackage), signer, new BidBinding("t-1", "1", "91350200B000000431"),
                List.of(DemoPki.load("opening-demo").certificate(), signer.certificate()), profile,
                dir.resolve("bid.cms"), dir.resolve("bid.cms.p7s"));
        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"),
                Files.readAllBytes(dir.resolve("bid.cms.p7s")));

        byte[] key = ContentKeys.extract(dir.resolve("bid.cms"), signer.key(), signer.certificate());
        assertThat(key).hasSize(32);
        assertThat(ContentKeys.opens(dir.resolve("bid.cms"), key)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenedBid opened = BidOpener.openWithContentKey(dir.resolve("bid.cms"), inspection.signer(),
                inspection.envelopeSha256(), key, out);
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(bidPackage));
        assertThat(opened.signer()).isEqualTo(signer.certificate());

        byte[] wrong = new byte[32];
        new SecureRandom().nextBytes(wrong);
        assertThat(ContentKeys.opens(dir.resolve("bid.cms"), wrong)).isFalse();
        assertThatThrownBy(() -> BidOpener.openWithContentKey(dir.resolve("bid.cms"), inspection.signer(),
                inspection.envelopeSha256(), wrong, new ByteArrayOutputStream())).isInstanceOf(SealException.class);
        Signer other = DemoPki.load(bidder.equals("bidder1") ? "bidder3" : "bidder4");
        assertThatThrownBy(() -> ContentKeys.extract(dir.resolve("bid.cms"), other.key(), other.certificate()))
                .isInstanceOf(SealException.class);
    }

    @org.junit.jupiter.api.Test
    void the_right_key_of_a_bid_whose_signed_bid_inside_is_pem_is_taken_and_the_opening_says_why_it_fails()
            throws Exception {
        Path bidPackage = BidPackages.write(dir, "91350200B000000431", 1000);
        OpensslInteropTest.sealWithOpenssl(dir, bidPackage, "PEM", List.of(), "DER", List.of(), "DER");
        Signer signer = DemoPki.load("bidder1");
        Inspection inspection = EnvelopeInspector.inspect(dir.resolve("bid.cms"),
                Files.readAllBytes(dir.resolve("bid.cms.p7s")));

        byte[] key = ContentKeys.extract(dir.resolve("bid.cms"), signer.key(), signer.certificate());
        // The key is the right one: a hand-in is not refused as a key that does not decrypt.
        assertThat(ContentKeys.opens(dir.resolve("bid.cms"), key)).isTrue();
        SealException refused = OpensslInteropTest.refusal(() -> BidOpener.openWithContentKey(dir.resolve("bid.cms"),
                inspection.signer(), inspection.envelopeSha256(), key, new ByteArrayOutputStream()));
        assertThat(refused.reason()).isEqualTo(SealFailure.INNER_SIGNATURE_INVALID);
        assertThat(refused.getMessage()).startsWith("The signed bid inside the envelope is PEM text, not DER");
    }

    @org.junit.jupiter.api.Test
    void a_content_key_document_that_does_not_parse_is_refused_in_words_of_ours() {
        for (String bad : List.of("{\"kind\":\"tenderhall-content-key\",\"tenderId\":1,", "{\"oops\":true}",
                "{\"kind\":\"tenderhall-content-key\",\"tenderId\":\"t\",\"envelopeSha256\":\"00\",\"key\":\"xyz\"}")) {
            assertThatThrownBy(() -> ContentKeyDocument.parse(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a content key of a bid")
                    .message().doesNotContain("Exception", "com.fasterxml", "hexadecimal digit", "line:", "column:");
        }
    }
}
