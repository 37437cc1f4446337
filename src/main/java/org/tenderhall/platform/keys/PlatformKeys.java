package org.tenderhall.platform.keys;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/**
 * Loads the platform's own keys (TSA, document signing, opening CA, key-encryption key) from PKCS#12 files. The
 * demo keys in {@code keys/demo} are public: they are used only by a demo platform on its embedded database, or
 * where {@code tenderhall.keys.allow-demo} says so (tests against an external database). A key that cannot be
 * loaded is a 503 for the client and the reason in the log for the operator.
 */
@ApplicationScoped
public class PlatformKeys {

    public static final ProblemType UNAVAILABLE =
            new ProblemType("platform-key-unavailable", "A platform key is not configured", 503);

    private static final Logger LOG = Logger.getLogger(PlatformKeys.class);

    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    @ConfigProperty(name = "tenderhall.embedded-database.active", defaultValue = "false")
    boolean embeddedDatabase;

    @ConfigProperty(name = "tenderhall.keys.allow-demo")
    boolean allowDemo;

    @ConfigProperty(name = "tenderhall.document.signing-key-store")
    Path signingKeyStore;

    @ConfigProperty(name = "tenderhall.document.signing-key-store-password")
    String signingPassword;

    /**
     * Reads a private key with its chain from a PKCS#12 file; the caller says how ({@code Signer::fromPkcs12}), so
     * that the platform, at the bottom, depends on no capability's key type.
     */
    @FunctionalInterface
    public interface KeyReader<K> {
        K read(Path keyStore, char[] password) throws IOException, GeneralSecurityException;
    }

    /** The platform's signing key and chain: it signs published documents (PAdES) and receipts (CMS). */
    public <K> K documentSigner(KeyReader<K> reader) {
        return signer("The document-signing key", "tenderhall.document.signing-key-store", signingKeyStore,
                signingPassword, UNAVAILABLE, reader);
    }

    /**
     * @param purpose  what the key is for, in the log: "the TSA key"
     * @param property the setting that names the file, in the log
     */
    public <K> K signer(String purpose, String property, Path keyStore, String password, ProblemType unavailable,
            KeyReader<K> reader) {
        check(purpose, property, keyStore, unavailable);
        try {
            return reader.read(keyStore, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw unavailable(unavailable, purpose + " in " + keyStore + " (" + property + ") cannot be used", e);
        }
    }

    /** A secret (AES) key held under {@code alias} in a PKCS#12 file, as {@code keytool -genseckey} makes it. */
    public SecretKey secretKey(String purpose, String property, Path keyStore, String password, String alias) {
        check(purpose, property, keyStore, UNAVAILABLE);
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (store.getKey(alias, password.toCharArray()) instanceof SecretKey key) {
                return key;
            }
            throw unavailable(UNAVAILABLE, purpose + ": " + keyStore + " (" + property + ") holds no secret key " + alias,
                    null);
        } catch (IOException | GeneralSecurityException e) {
            throw unavailable(UNAVAILABLE, purpose + " in " + keyStore + " (" + property + ") cannot be used", e);
        }
    }

    private void check(String purpose, String property, Path keyStore, ProblemType unavailable) {
        boolean demo = isDemo(keyStore);
        if (demo && !embeddedDatabase && !allowDemo) {
            throw unavailable(unavailable, purpose + " is the demo one in " + keyStore + ", which anyone can read, and"
                    + " the platform runs on an external database: set " + property + " to the production key", null);
        }
        if (!Files.isRegularFile(keyStore)) {
            throw unavailable(unavailable, purpose + ": " + keyStore.toAbsolutePath() + " does not exist; set "
                    + property, null);
        }
        if (demo && warned.add(keyStore)) {
            LOG.warnf("%s is the DEMO key of %s: not for production", purpose, keyStore);
        }
    }

    public static boolean isDemo(Path keyStore) {
        return keyStore.normalize().toString().replace('\\', '/').contains("keys/demo/");
    }

    /** The reason goes to the log; the client learns only that the key is unavailable. */
    private static Rejection unavailable(ProblemType type, String reason, Exception cause) {
        LOG.error(reason, cause);
        return new Rejection(type, "A platform key is not available; the operator has been told why in the log.");
    }
}
