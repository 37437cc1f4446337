package org.tenderhall.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.seal.Signer;

class TimestampAuthorityTest {

    @TempDir
    Path dir;

    private final Signer tsa = DemoPki.load("tsa");

    @Test
    void a_token_binds_the_digest_to_the_given_time_and_serial_and_openssl_verifies_it() throws Exception {
        byte[] data = "收据 receipt of bid 42".getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        Instant now = Instant.parse("2026-11-22T08:00:00.123Z");

        TimeStampToken token = new TimestampAuthority(tsa.key(), tsa.chain()).stamp(digest, BigInteger.valueOf(42), now);

        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(now);
        assertThat(token.getTimeStampInfo().getSerialNumber()).isEqualTo(42);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(TimestampAuthority.POLICY);
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate()));

        Path tokenFile = Files.write(dir.resolve("token.der"), token.getEncoded());
        Process openssl = new ProcessBuilder("openssl", "ts", "-verify", "-digest", HexFormat.of().formatHex(digest),
                "-in", tokenFile.toString(), "-token_in", "-CAfile",
                DemoPki.DIR.resolve("ca/platform-ca.crt").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(output).isZero();
        assertThat(output).contains("Verification: OK");
    }

    @Test
    void a_certificate_without_the_critical_timestamping_usage_cannot_be_a_tsa() {
        Signer documentSigning = DemoPki.load("document-signing");
        assertThatThrownBy(() -> new TimestampAuthority(documentSigning.key(), documentSigning.chain()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("timeStamping");
    }
}
