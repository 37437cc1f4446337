package org.tenderhall.openingkey;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/**
 * The platform keys behind openings, under {@code tenderhall.opening.*} (beside {@code opening.OpeningConfig}): the
 * CA that issues each tender's opening certificate and the key-encryption key. The defaults (the demo key stores)
 * are in {@code application.properties}; {@code platform.keys.PlatformKeys} refuses them outside demo use.
 */
@ConfigMapping(prefix = "tenderhall.opening")
public interface OpeningKeyConfig {

    /** PKCS#12 file of the CA key that issues each tender's opening certificate. */
    Path caKeyStore();

    String caKeyStorePassword();

    /** PKCS#12 file holding the AES key-encryption key. */
    Path kekStore();

    String kekStorePassword();

    String kekAlias();
}
