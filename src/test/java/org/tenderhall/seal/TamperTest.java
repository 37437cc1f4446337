package org.tenderhall.seal;

import org.tenderhall.DemoPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a sealed bid can be damaged or misused is refused, each for its own reason, leaving no plaintext. */
class TamperTest {

    @TempDir
    Path dir;

    private final Signer bidder = DemoPki.load("bidder1");
    private final Signer opening = DemoPki.load("opening-demo");
    private Path bidPackage;

    @BeforeEach
    void writePackage() throws IOException {
        bidPackage = BidPackages.write(dir, "91350200B000000431", 100_000);
    }

    private SealedBidFiles seal(SealProfile profile) throws Exception {
        return SealAndOpenTest.seal(dir, bidPackage, bidder, profile, "opening-demo", "bidder1");
    }

    private static SealFailure reasonOf(ThrowingCall call) {
        try {
            call.run();
        } catch (SealException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("refused with " + e + " instead of a SealException", e);
        }
        throw new AssertionError("not refused");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    private static Path flipped(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x01;
        Path copy = file.resolveSibling(file.getFileName() + "." + position);
        return Files.write(copy, bytes);
    }

    private SealFailure inspect(Path envelope, Path signature) {
        return reasonOf(() -> EnvelopeInspector.inspect(envelope, Files.readAllBytes(signature)));
    }

    @ParameterizedTest
    @EnumSource(SealProfile.class)
    void a_flipped_byte_anywhere_in_the_envelope_is_tampering(SealProfile profile) throws Exception {
        SealedBidFiles sealed = profile == SealProfile.SM4_CBC_SM2
                ? SealAndOpenTest.seal(dir, bidPackage, DemoPki.load("bidder2-sm2"), profile, "opening-demo-sm2", "bidder2-sm2")
                : seal(profile);
        long size = Files.size(sealed.envelope());
        long[] positions = Stream.of(LongStream.range(0, 64), LongStream.rangeClosed(1, 200).map(i -> size * i / 201),
                LongStream.range(size - 64, size)).flatMapToLong(s -> s).distinct().toArray();
        for (long position : positions) {
            assertThat(inspect(flipped(sealed.envelope(), position), sealed.signature()))
                    .as("byte %d of %d flipped", position, size).isEqualTo(SealFailure.TAMPERED);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, 0.5, 0.9, 0.999})
    void a_truncated_envelope_is_truncated(double keep) throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        byte[] bytes = Files.readAllBytes(sealed.envelope());
        int length = keep == 0.999 ? bytes.length - 1 : (int) (bytes.length * keep);
        Path cut = Files.write(dir.resolve("cut.cms"), java.util.Arrays.copyOf(bytes, length));
        assertThat(inspect(cut, sealed.signature())).isEqualTo(SealFailure.TRUNCATED);
    }

    @Test
    void an_outer_signature_over_other_bytes_is_tampering() throws Exception {
        SealedBidFiles first = seal(SealProfile.AES_256_CBC);
        Path firstSignature = Files.move(first.signature(), dir.resolve("first.p7s"));
        Path firstEnvelope = Files.move(first.envelope(), dir.resolve("first.cms"));
        SealedBidFiles second = seal(SealProfile.AES_256_CBC);
        assertThat(inspect(second.envelope(), firstSignature)).isEqualTo(SealFailure.TAMPERED);
        EnvelopeInspector.inspect(firstEnvelope, Files.readAllBytes(firstSignature)); // its own signature still fits
    }

    @Test
    void a_damaged_outer_signature_value_is_an_invalid_outer_signature() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        byte[] signatureFile = Files.readAllBytes(sealed.signature());
        byte[] value = new org.bouncycastle.cms.CMSSignedData(signatureFile).getSignerInfos().getSigners().iterator()
                .next().getSignature();
        int at = indexOf(signatureFile, value) + value.length / 2;
        assertThat(inspect(sealed.envelope(), flipped(sealed.signature(), at)))
                .isEqualTo(SealFailure.OUTER_SIGNATURE_INVALID);
    }

    @Test
    void a_changed_byte_after_the_outer_signature_structure_is_malformed() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        Path longer = Files.write(dir.resolve("longer.p7s"), java.util.Arrays.copyOf(Files.readAllBytes(sealed.signature()),
                (int) Files.size(sealed.signature()) + 1));
        assertThat(inspect(sealed.envelope(), longer)).isEqualTo(SealFailure.MALFORMED);
    }

    @Test
    void bytes_appended_to_the_envelope_are_tampering() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        Path longer = Files.write(dir.resolve("longer.cms"), java.util.Arrays.copyOf(Files.readAllBytes(sealed.envelope()),
                (int) Files.size(sealed.envelope()) + 3));
        assertThat(inspect(longer, sealed.signature())).isEqualTo(SealFailure.TAMPERED);
    }

    @Test
    void garbage_instead_of_a_signature_is_malformed() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        Path garbage = Files.write(dir.resolve("garbage.p7s"), "not a signature".getBytes());
        assertThat(inspect(sealed.envelope(), garbage)).isEqualTo(SealFailure.MALFORMED);
    }

    @Test
    void signed_garbage_instead_of_an_envelope_is_malformed() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.cms"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
        Path key = Openssl.privateKey(dir, "bidder1");
        Openssl.ok(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", garbage.toString(), "-signer",
                DemoPki.certificate("bidder1").toAbsolutePath().toString(), "-inkey", key.toString(), "-outform", "DER",
                "-out", "garbage.cms.p7s");
        assertThat(inspect(garbage, dir.resolve("garbage.cms.p7s"))).isEqualTo(SealFailure.MALFORMED);
    }

    @Test
    void a_refusal_of_signed_garbage_says_what_is_wrong_without_library_text() throws Exception {
        Path key = Openssl.privateKey(dir, "bidder1");
        byte[] random = new byte[3000];
        new java.util.Random(7).nextBytes(random);
        byte[][] garbages = {{0x30, 0x03, 0x02, 0x01, 0x05}, random, {0x30, (byte) 0x80, 0x06, 0x03, 0x2a, 0x03, 0x04},
            {0x2d, 0x2d, 0x0d, 0x0a}, Files.readAllBytes(DemoPki.certificate("bidder1"))};
        for (int i = 0; i < garbages.length; i++) {
            Path garbage = Files.write(dir.resolve("garbage-" + i + ".cms"), garbages[i]);
            Openssl.ok(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", garbage.toString(), "-signer",
                    DemoPki.certificate("bidder1").toAbsolutePath().toString(), "-inkey", key.toString(), "-outform",
                    "DER", "-out", "garbage-" + i + ".cms.p7s");
            byte[] signature = Files.readAllBytes(dir.resolve("garbage-" + i + ".cms.p7s"));
            SealException refused = OpensslInteropTest.refusal(() -> EnvelopeInspector.inspect(garbage, signature));
            assertThat(refused.getMessage()).as("garbage %d", i).startsWith("The envelope ");
            OpensslInteropTest.assertNoLibraryText(refused);
        }
    }

    @Test
    void a_key_that_is_not_a_recipient_is_refused() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        Signer stranger = DemoPki.load("bidder3");
        assertThat(reasonOf(() -> BidOpener.open(sealed.envelope(), bidder.certificate(), null, stranger.key(),
                stranger.certificate(), dir))).isEqualTo(SealFailure.NOT_A_RECIPIENT);
    }

    @ParameterizedTest
    @EnumSource(value = SealProfile.class, names = {"AES_256_CBC", "AES_256_GCM"})
    void a_handed_in_key_that_does_not_match_the_recipient_certificate_does_not_decrypt(SealProfile profile)
            throws Exception {
        SealedBidFiles sealed = seal(profile);
        Signer wrongKey = DemoPki.load("bidder3"); // an RSA key, but not the opening certificate's
        assertThat(reasonOf(() -> BidOpener.open(sealed.envelope(), bidder.certificate(), null, wrongKey.key(),
                opening.certificate(), dir))).isEqualTo(SealFailure.DECRYPTION_FAILED);
        assertNoPlaintextLeft();
    }

    @Test
    void an_inner_signer_other_than_the_envelope_signer_is_refused() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        // Someone else signs the envelope as the submitter: the outer signature is valid, but not the bidder's.
        Path key = Openssl.privateKey(dir, "bidder3");
        Openssl.ok(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", sealed.envelope().toString(), "-signer",
                DemoPki.certificate("bidder3").toAbsolutePath().toString(), "-inkey", key.toString(), "-outform", "DER",
                "-out", "other.p7s");
        Inspection inspection = EnvelopeInspector.inspect(sealed.envelope(), Files.readAllBytes(dir.resolve("other.p7s")));
        assertThat(inspection.signer()).isEqualTo(DemoPki.load("bidder3").certificate());

        assertThat(reasonOf(() -> BidOpener.open(sealed.envelope(), inspection, opening.key(),
                opening.certificate(), dir))).isEqualTo(SealFailure.SIGNER_MISMATCH);
        assertNoPlaintextLeft();
    }

    @Test
    void an_envelope_substituted_after_inspection_is_refused_at_opening() throws Exception {
        SealedBidFiles first = seal(SealProfile.AES_256_CBC);
        Inspection inspected = EnvelopeInspector.inspect(first.envelope(), Files.readAllBytes(first.signature()));
        Path kept = Files.move(first.envelope(), dir.resolve("inspected.cms"));
        SealedBidFiles later = seal(SealProfile.AES_256_CBC); // the same bidder's other bid, valid in itself
        assertThat(reasonOf(() -> BidOpener.open(later.envelope(), inspected, opening.key(), opening.certificate(), dir)))
                .isEqualTo(SealFailure.TAMPERED);
        assertNoPlaintextLeft();
        assertThat(BidOpener.open(kept, inspected, opening.key(), opening.certificate(), dir).packageSize()).isPositive();
    }

    @Test
    void damaged_gcm_ciphertext_fails_its_tag_and_leaves_no_plaintext() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_GCM);
        Path damaged = flipped(sealed.envelope(), Files.size(sealed.envelope()) / 2);
        assertThat(reasonOf(() -> BidOpener.open(damaged, bidder.certificate(), null, opening.key(), opening.certificate(), dir)))
                .isIn(SealFailure.DECRYPTION_FAILED, SealFailure.INNER_SIGNATURE_INVALID);
        assertNoPlaintextLeft();
    }

    @Test
    void damaged_cbc_ciphertext_is_refused_and_leaves_no_plaintext() throws Exception {
        SealedBidFiles sealed = seal(SealProfile.AES_256_CBC);
        Path damaged = flipped(sealed.envelope(), Files.size(sealed.envelope()) / 2);
        assertThat(reasonOf(() -> BidOpener.open(damaged, bidder.certificate(), null, opening.key(), opening.certificate(), dir)))
                .isIn(SealFailure.DECRYPTION_FAILED, SealFailure.INNER_SIGNATURE_INVALID);
        assertNoPlaintextLeft();
    }

    @Test
    void encrypted_content_that_is_not_a_signed_bid_is_refused() throws Exception {
        Openssl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", bidPackage.toString(), "-outform", "DER",
                "-recip", DemoPki.certificate("opening-demo").toAbsolutePath().toString(),
                "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-out", "unsigned.cms");
        assertThat(reasonOf(() -> BidOpener.open(dir.resolve("unsigned.cms"), bidder.certificate(), null, opening.key(),
                opening.certificate(), dir))).isEqualTo(SealFailure.INNER_SIGNATURE_INVALID);
        assertNoPlaintextLeft();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private void assertNoPlaintextLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("bid-package-"));
        }
    }

    @Test
    void an_envelope_whose_attributes_outgrow_the_header_limit_is_refused_without_reading_them_into_memory()
            throws Exception {
        var generator = new org.bouncycastle.cms.CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator(
                opening.certificate()));
        generator.setUnprotectedAttributeGenerator(new org.bouncycastle.cms.SimpleAttributeTableGenerator(
                new org.bouncycastle.asn1.cms.AttributeTable(new org.bouncycastle.asn1.cms.Attribute(
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"), new org.bouncycastle.asn1.DERSet(
                                new org.bouncycastle.asn1.DEROctetString(new byte[EnvelopeInspector.MAX_HEADER + 1]))))));
        byte[] envelope = generator.generate(new org.bouncycastle.cms.CMSProcessableByteArray(new byte[100]),
                new org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder(
                        org.bouncycastle.cms.CMSAlgorithm.AES256_CBC).build()).getEncoded();
        var signature = new org.bouncycastle.cms.CMSSignedDataGenerator();
        signature.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()).build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(bidder.key()),
                bidder.certificate()));
        signature.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(bidder.chain()));
        byte[] outer = signature.generate(new org.bouncycastle.cms.CMSProcessableByteArray(envelope), false).getEncoded();
        Path file = Files.write(dir.resolve("huge-attributes.cms"), envelope);

        SealException refused = org.junit.jupiter.api.Assertions.assertThrows(SealException.class,
                () -> EnvelopeInspector.inspect(file, outer));
        assertThat(refused.reason()).isEqualTo(SealFailure.MALFORMED);
        assertThat(refused.getMessage()).contains("more than " + EnvelopeInspector.MAX_HEADER + " bytes");
    }
}
