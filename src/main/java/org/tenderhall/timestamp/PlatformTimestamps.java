package org.tenderhall.timestamp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.jboss.logging.Logger;
import org.tenderhall.platform.keys.PlatformKeys;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.Signer;

/**
 * The platform's TSA: its key from a PKCS#12 file (the demo one in {@code keys/demo} by default; production sets
 * its own), random serial numbers, the time from the platform's clock.
 */
@ApplicationScoped
public class PlatformTimestamps {

    public static final ProblemType UNAVAILABLE =
            new ProblemType("timestamping-unavailable", "Time-stamping is not configured", 503);

    private static final Logger LOG = Logger.getLogger(PlatformTimestamps.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TimestampConfig config;

    @Inject
    PlatformKeys keys;

    @Inject
    Clock clock;

    private volatile TimestampAuthority authority;
    private volatile ExternalTsa external;

    /** Answers an RFC 3161 request with a token or a rejection. */
    public TimeStampResponse respond(TimeStampRequest request) throws TSPException {
        return authority().respond(request, nextSerial(), clock.instant());
    }

    /**
     * A token over a SHA-256 digest, for the platform's own receipts and documents: from the external TSA when
     * {@code tenderhall.timestamp.url} names one, else from the platform's own.
     */
    public TimeStampToken stamp(byte[] sha256) throws TSPException {
        if (config.url().isPresent()) {
            try {
                return external().stamp(sha256);
            } catch (TSPException e) {
                LOG.error("The external TSA failed", e);
                throw new Rejection(UNAVAILABLE, "The time-stamping authority is not available; the operator has"
                        + " been told why in the log.");
            }
        }
        return authority().stamp(sha256, nextSerial(), clock.instant());
    }

    /**
     * A serial number of 128 bits, the top one set and 127 random: unique without a counter (RFC 3161 asks only
     * that serials be unique and at most 160 bits), and telling nobody how many tokens the platform has issued,
     * so how many receipts, so how many bids.
     */
    static BigInteger nextSerial() {
        return new BigInteger(127, RANDOM).setBit(127);
    }

    /** The external TSA's client, made once: it keeps its connections. */
    private ExternalTsa external() {
        ExternalTsa made = external;
        if (made == null) {
            synchronized (this) {
                if (external == null) {
                    external = new ExternalTsa(config.url().orElseThrow(), config.urlCredentials().orElse(null));
                }
                made = external;
            }
        }
        return made;
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
        Signer tsa = keys.signer("The TSA key", "tenderhall.timestamp.key-store", config.keyStore(),
                config.keyStorePassword(), UNAVAILABLE, Signer::fromPkcs12);
        try {
            return new TimestampAuthority(tsa.key(), tsa.chain());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The TSA key store " + config.keyStore() + " holds no usable TSA certificate", e);
        }
    }
}
