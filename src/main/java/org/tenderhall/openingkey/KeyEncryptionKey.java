package org.tenderhall.openingkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.crypto.SecretKey;
import org.tenderhall.platform.keys.PlatformKeys;

/**
 * The platform's key-encryption key (KEK): it wraps a new opening key under scheduled custody, an opening's transport
 * key and the shares handed in, and derives the package vault's key. Read from its key store once.
 */
@ApplicationScoped
public class KeyEncryptionKey {

    @Inject
    OpeningKeyConfig config;

    @Inject
    PlatformKeys keys;

    private volatile SecretKey kek;

    public SecretKey key() {
        SecretKey loaded = kek;
        if (loaded == null) { // read once: a key store is slow to open, and the opening needs the key per bid
            loaded = keys.secretKey("The key-encryption key", "tenderhall.opening.kek-store", config.kekStore(),
                    config.kekStorePassword(), config.kekAlias());
            kek = loaded;
        }
        return loaded;
    }
}
