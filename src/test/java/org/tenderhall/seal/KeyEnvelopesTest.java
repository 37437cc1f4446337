package org.tenderhall.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;

class KeyEnvelopesTest {

    private static final byte[] SECRET = "a share of an opening key".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void a_key_envelope_opens_for_its_recipient_only_rsa_and_ec() throws Exception {
        for (String holder : new String[] {"bidder1", "bidder2"}) {
            Signer recipient = DemoPki.load(holder);
            byte[] envelope = KeyEnvelopes.encrypt(SECRET, recipient.certificate());
            assertThat(KeyEnvelopes.decrypt(envelope, recipient.key(), recipient.certificate())).isEqualTo(SECRET);
            Signer other = DemoPki.load(holder.equals("bidder1") ? "bidder3" : "bidder4");
            assertThatThrownBy(() -> KeyEnvelopes.decrypt(envelope, other.key(), other.certificate()))
                    .isInstanceOf(SealException.class).extracting(e -> ((SealException) e).reason())
                    .isEqualTo(SealFailure.NOT_A_RECIPIENT);
            assertThatThrownBy(() -> KeyEnvelopes.decrypt(envelope, other.key(), recipient.certificate()))
                    .isInstanceOf(SealException.class).extracting(e -> ((SealException) e).reason())
                    .isEqualTo(SealFailure.DECRYPTION_FAILED);
        }
        assertThatThrownBy(() -> KeyEnvelopes.decrypt("garbage".getBytes(StandardCharsets.UTF_8),
                DemoPki.load("bidder1").key(), DemoPki.load("bidder1").certificate()))
                .isInstanceOf(SealException.class).extracting(e -> ((SealException) e).reason())
                .isEqualTo(SealFailure.MALFORMED);
    }

    @Test
    void openssl_opens_a_key_envelope() throws Exception {
        Files.write(dir.resolve("share.cms"), KeyEnvelopes.encrypt(SECRET, DemoPki.load("bidder1").certificate()));
        Openssl.ok(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "share.cms", "-recip",
                DemoPki.certificate("bidder1").toAbsolutePath().toString(), "-inkey",
                Openssl.privateKey(dir, "bidder1").toString(), "-out", "share.bin");
        assertThat(Files.readAllBytes(dir.resolve("share.bin"))).isEqualTo(SECRET);
    }
}
