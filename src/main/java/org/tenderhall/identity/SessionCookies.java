package org.tenderhall.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When a login form's session cookie was issued. Quarkus writes the cookie as Base64 of the IV's length, the IV and
 * AES-GCM of {@code expiry-millis:username}, under SHA-256 of {@code quarkus.http.auth.session.encryption-key}, and
 * sets the expiry to the issue plus {@code quarkus.http.auth.form.timeout} (also when it renews the cookie). The
 * issue is what a sign-out or password reset is compared with: the cookie carries nothing else that a copy of it
 * would not also carry.
 */
@ApplicationScoped
public class SessionCookies {

    @ConfigProperty(name = SessionKeyConfigSourceFactory.KEY)
    String encryptionKey;

    @ConfigProperty(name = "quarkus.http.auth.form.timeout", defaultValue = "PT30M")
    Duration timeout;

    /** The issue of a cookie that names {@code username}; empty for a cookie this platform cannot read. */
    public Optional<Instant> issued(String cookie, String username) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(cookie));
            byte[] iv = new byte[bytes.get()];
            bytes.get(iv);
            byte[] sealed = new byte[bytes.remaining()];
            bytes.get(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] key = MessageDigest.getInstance("SHA-256").digest(encryptionKey.getBytes(StandardCharsets.UTF_8));
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            String plain = new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || !plain.substring(colon + 1).equals(username)) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))).minus(timeout));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
