package org.tenderhall.timestamp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/**
 * The platform's TSA: its key from a PKCS#12 file (the demo one in {@code keys/demo} by default; production sets
 * its own), serial numbers from a database sequence, the time from the platform's clock.
 */
@ApplicationScoped
public class PlatformTimestamps {

    public static final ProblemType UNAVAILABLE =
            new ProblemType("timestamping-unavailable", "Time-stamping is not configured", 503);

    private static final Logger LOG = Logger.getLogger(PlatformTimestamps.class);

    @ConfigProperty(name = "tenderhall.timestamp.key-store", defaultValue = "keys/demo/platform/tsa.p12")
    Path keyStore;

    @ConfigProperty(name = "tenderhall.timestamp.key-store-password", defaultValue = "tenderhall-demo")
    String password;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private volatile TimestampAuthority authority;

    /** Answers an RFC 3161 request with a token or a rejection. */
    @Transactional
    public TimeStampResponse respond(TimeStampRequest request) throws TSPException {
        return authority().respond(request, nextSerial(), clock.instant());
    }

    /** A token over a SHA-256 digest, for the platform's own receipts and documents. */
    @Transactional
    public TimeStampToken stamp(byte[] sha256) throws TSPException {
        return authority().stamp(sha256, nextSerial(), clock.instant());
    }

    private BigInteger nextSerial() {
        return BigInteger.valueOf(((Number) em.createNativeQuery("select nextval('timestamp_serial')").getSingleResult())
                .longValue());
    }

    private TimestampAuthority authority() {
        TimestampAuthority loaded = authority;
        if (loaded == null) {
            synchronized (this) {
                if (authority == null) {
                    authority = load();
                }
                loaded = authority;
            }
        }
        return loaded;
    }

    private TimestampAuthority load() {
        if (!Files.isRegularFile(keyStore)) {
            throw new Rejection(UNAVAILABLE, "The TSA key store " + keyStore.toAbsolutePath() + " does not exist; set"
                    + " tenderhall.timestamp.key-store");
        }
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    if (keyStore.toString().contains("keys/demo")) {
                        LOG.warnf("The TSA signs with the DEMO key of %s: not for production", keyStore);
                    }
                    return new TimestampAuthority((PrivateKey) store.getKey(alias, password.toCharArray()), chain);
                }
            }
            throw new Rejection(UNAVAILABLE, "The TSA key store " + keyStore + " holds no key");
        } catch (IOException | GeneralSecurityException e) {
            throw new Rejection(UNAVAILABLE, "The TSA key store " + keyStore + " cannot be used: " + e.getMessage());
        }
    }
}
