package org.tenderhall.timestamp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.Signer;

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

    /** The demo TSA key is public: it may sign only for a demo platform on its embedded database. */
    @ConfigProperty(name = "tenderhall.embedded-database.active", defaultValue = "false")
    boolean embeddedDatabase;

    /** Tests that run against an external database may say so. */
    @ConfigProperty(name = "tenderhall.timestamp.allow-demo-key", defaultValue = "false")
    boolean allowDemoKey;

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
        boolean demoKey = keyStore.normalize().toString().contains("keys/demo/");
        if (demoKey && !embeddedDatabase && !allowDemoKey) {
            throw unavailable("The TSA key store is the demo one, which anyone can read, and the platform runs on an"
                    + " external database: set tenderhall.timestamp.key-store to the production TSA key", null);
        }
        if (!Files.isRegularFile(keyStore)) {
            throw unavailable("The TSA key store " + keyStore.toAbsolutePath() + " does not exist; set"
                    + " tenderhall.timestamp.key-store", null);
        }
        try {
            Signer tsa = Signer.fromPkcs12(keyStore, password.toCharArray());
            if (demoKey) {
                LOG.warnf("The TSA signs with the DEMO key of %s: not for production", keyStore);
            }
            return new TimestampAuthority(tsa.key(), tsa.chain());
        } catch (IOException | GeneralSecurityException e) {
            throw unavailable("The TSA key store " + keyStore + " cannot be used", e);
        }
    }

    /** The reason goes to the log; the client learns only that time-stamping is unavailable. */
    private static Rejection unavailable(String reason, Exception cause) {
        LOG.error(reason, cause);
        return new Rejection(UNAVAILABLE, "The platform's time-stamping authority is not available; the operator has"
                + " been told why in the log.");
    }
}
