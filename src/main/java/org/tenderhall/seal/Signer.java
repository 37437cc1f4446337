package org.tenderhall.seal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A private key with its certificate chain (the key's own certificate first), as a bidder signs with. */
public record Signer(PrivateKey key, List<X509Certificate> chain) {

    public Signer {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signer needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The one key entry of a PKCS#12 file; SM2 keys are read by Bouncy Castle, which knows their curve. */
    public static Signer fromPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        try {
            return fromStore(load(KeyStore.getInstance("PKCS12"), file, password), password, file);
        } catch (java.nio.file.NoSuchFileException missing) {
            throw missing;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException notForTheJdk) {
            // The JDK reports an SM2 key as a wrong password; Bouncy Castle reads it, or fails for the real reason.
            return fromStore(load(KeyStore.getInstance("PKCS12", Algorithms.BC), file, password), password, file);
        }
    }

    private static KeyStore load(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static Signer fromStore(KeyStore store, char[] password, Path file) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) certificate);
                }
                return new Signer((PrivateKey) store.getKey(alias, password), List.copyOf(chain));
            }
        }
        throw new GeneralSecurityException(file + " holds no private key");
    }
}
