package org.tenderhall.openingkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.seal.BidSealer;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.SealProfile;
import org.tenderhall.seal.SealedBidFiles;
import org.tenderhall.seal.Signer;

class OpeningKeysTest {

    @TempDir
    Path dir;

    private final Instant published = Instant.parse("2026-12-01T02:00:00Z");
    private final Instant until = published.plus(Duration.ofDays(60));

    private static PrivateKey platformCaKey() throws Exception {
        try (PEMParser pem = new PEMParser(new FileReader(DemoPki.DIR.resolve("ca/platform-ca.key").toFile()))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
        }
    }

    private static SecretKey platformKek() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(DemoPki.DIR.resolve("platform/kek.p12"))) {
            store.load(in, DemoPki.PASSWORD);
        }
        return (SecretKey) store.getKey("kek", DemoPki.PASSWORD);
    }

    private OpeningKeys.Issued issue() throws Exception {
        return OpeningKeys.issue("T-2026-0001", published, until, platformCaKey(), DemoPki.ca("platform-ca"), platformKek());
    }

    @Test
    void the_opening_certificate_is_issued_by_the_platform_ca_for_key_encipherment_only() throws Exception {
        var certificate = issue().certificate();
        certificate.verify(DemoPki.ca("platform-ca").getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=Opening key of tender T-2026-0001");
        assertThat(certificate.getKeyUsage()).containsExactly(false, false, true, false, false, false, false, false, false);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(published);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(until);
    }

    @Test
    void the_private_key_exists_only_wrapped_and_unwraps_to_open_a_bid_sealed_to_the_certificate() throws Exception {
        OpeningKeys.Issued issued = issue();
        PrivateKey key = OpeningKeys.unwrap(issued.wrappedPrivateKey(), platformKek());
        assertThat(new String(issued.wrappedPrivateKey(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(key.getEncoded(), 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1));

        Signer bidder = DemoPki.load("bidder1");
        byte[] bidPackage = "package of a bid".getBytes();
        SealedBidFiles sealed = BidSealer.seal(new ByteArrayInputStream(bidPackage), bidder,
                new BidBinding("T-2026-0001", "1", "91350200B000000431"), List.of(issued.certificate(), bidder.certificate()),
                SealProfile.AES_256_CBC, dir.resolve("bid.cms"), dir.resolve("bid.cms.p7s"));
        var inspection = org.tenderhall.seal.EnvelopeInspector.inspect(sealed.envelope(), Files.readAllBytes(sealed.signature()));
        OpenedBid opened = BidOpener.open(sealed.envelope(), inspection, key, issued.certificate(), dir);
        assertThat(Files.readAllBytes(opened.bidPackage())).isEqualTo(bidPackage);
    }

    @Test
    void another_key_encryption_key_cannot_unwrap_the_opening_key() throws Exception {
        OpeningKeys.Issued issued = issue();
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        SecretKey other = aes.generateKey();
        assertThatThrownBy(() -> OpeningKeys.unwrap(issued.wrappedPrivateKey(), other))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void every_tender_gets_a_key_of_its_own() throws Exception {
        assertThat(issue().certificate().getPublicKey()).isNotEqualTo(issue().certificate().getPublicKey());
    }
}
