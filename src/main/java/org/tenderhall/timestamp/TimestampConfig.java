package org.tenderhall.timestamp;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** {@code tenderhall.timestamp.*}: the platform's own TSA key, or an external TSA. Defaults in application.properties. */
@ConfigMapping(prefix = "tenderhall.timestamp")
public interface TimestampConfig {

    /** PKCS#12 file of the platform TSA's key and chain. */
    Path keyStore();

    String keyStorePassword();

    /** An external RFC 3161 TSA (its URL) for receipts and documents, instead of the platform's own. */
    Optional<URI> url();

    /** {@code user:password} for the external TSA, when it asks for HTTP Basic. */
    Optional<String> urlCredentials();
}
