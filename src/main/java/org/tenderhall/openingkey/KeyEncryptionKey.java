package org.tenderhall.openingkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.platform.keys.PlatformKeys;

/**
 * The platform's key-encryption key (KEK): it wraps a new opening key under scheduled custody, an opening's transport
 * key and the shares handed in, and derives the package vault's key. Read from its key store once.
 */
@ApplicationScoped
public class KeyEncryptionKey {

    @ConfigProperty(name = "tenderhall.opening.kek-store", defaultValue = "keys/demo/platform/kek.p12")
    Path kekStore;

    @ConfigProperty(name = "tenderhall.opening.kek-store-password", defaultValue = "tenderhall-demo")
    String kekPassword;

    @ConfigProperty(name = "tenderhall.opening.kek-alias", defaultValue = "kek")
    String kekAlias;

    @Inject
    PlatformKeys keys;

    private volatile SecretKey kek;

    public SecretKey key() {
        SecretKey loaded = kek;
        if (loaded == null) { // read once: a key store is slow to open, and the opening needs the key per bid
            loaded = keys.secretKey("The key-encryption key", "tenderhall.opening.kek-store", kekStore, kekPassword,
                    kekAlias);
            kek = loaded;
        }
        return loaded;
    }
}
