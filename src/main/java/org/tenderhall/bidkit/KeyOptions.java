package org.tenderhall.bidkit;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the bidder's key is: a PKCS#12 file, or a PKCS#11 token (a USB key) through the JDK's SunPKCS11
 * provider and its configuration file. The password or PIN comes from {@code BIDKIT_PASSWORD}, a file, or a
 * prompt; never from the command line, where other users could see it.
 */
class KeyOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static class Source {
        @Option(names = "--key", paramLabel = "FILE.p12", description = "PKCS#12 file with your key and certificate")
        Path pkcs12;

        @Option(names = "--pkcs11-config", paramLabel = "FILE", description = "SunPKCS11 configuration of your token")
        Path pkcs11Config;
    }

    @Option(names = "--alias", description = "the key's alias on the token (default: the only key)")
    String alias;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the password or PIN")
    Path passwordFile;

    Signer load() throws BidkitException {
        char[] password = password();
        try {
            if (source.pkcs12 != null) {
                return Signer.fromPkcs12(source.pkcs12, password); // RSA, EC and SM2 keys
            }
            if (!Files.isRegularFile(source.pkcs11Config)) {
                throw new NoSuchFileException(source.pkcs11Config.toString());
            }
            Provider provider = Security.getProvider("SunPKCS11").configure(source.pkcs11Config.toString());
            Security.addProvider(provider);
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, password);
            return signer(store, password, "the PKCS#11 token of " + source.pkcs11Config);
        } catch (NoSuchFileException e) {
            throw new BidkitException("No such file: " + e.getFile());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new BidkitException("Wrong password for " + keyName());
            }
            throw new BidkitException("Cannot read " + keyName() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new BidkitException("Cannot use " + keyName() + ": " + e.getMessage(), e);
        }
    }

    private Signer signer(KeyStore store, char[] password, String name) throws GeneralSecurityException, BidkitException {
        List<String> aliases = new ArrayList<>();
        for (String candidate : Collections.list(store.aliases())) {
            if (store.isKeyEntry(candidate) && (alias == null || alias.equals(candidate))) {
                aliases.add(candidate);
            }
        }
        if (aliases.size() != 1) {
            throw new BidkitException(aliases.isEmpty() ? name + " holds no key" + (alias == null ? "" : " named " + alias)
                    : name + " holds several keys; choose one with --alias: " + String.join(", ", aliases));
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : store.getCertificateChain(aliases.get(0))) {
            chain.add((X509Certificate) certificate);
        }
        return new Signer((PrivateKey) store.getKey(aliases.get(0), password), chain);
    }

    private String keyName() {
        return source.pkcs12 != null ? source.pkcs12.toString() : "the token of " + source.pkcs11Config;
    }

    private char[] password() throws BidkitException {
        if (passwordFile != null) {
            try {
                return Files.readAllLines(passwordFile).stream().findFirst().orElse("").toCharArray();
            } catch (NoSuchFileException e) {
                throw new BidkitException("No such file: " + passwordFile);
            } catch (IOException e) {
                throw new BidkitException("Cannot read " + passwordFile + ": " + e.getMessage());
            }
        }
        String fromEnvironment = System.getenv("BIDKIT_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new BidkitException("No password: set BIDKIT_PASSWORD, use --password-file, or run in a terminal");
        }
        return console.readPassword("Password or PIN for %s: ", keyName());
    }
}
