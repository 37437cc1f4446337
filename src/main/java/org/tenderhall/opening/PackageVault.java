package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.io.CipherInputStream;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.tenderhall.storage.BlobStore;

/**
 * Keeps opened bid packages encrypted at rest: each package under a data key of its own (AES-256-GCM, the bid's
 * id as associated data), the data key wrapped (AES key wrap, RFC 5649) under the vault key, which is derived from
 * the platform's key-encryption key and never stored. Files live under {@code <storage>/opened/}; a file counts
 * only once the opening record names it.
 */
@ApplicationScoped
public class PackageVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    @Inject
    BlobStore store;

    @Inject
    OpeningKeyCustody custody;

    /** A package being written: write it to {@link #out()}, then {@link #keep()} it, or {@link #discard()} it. */
    public final class Writing implements AutoCloseable {
        private final Path temporary;
        private final String file;
        private final byte[] wrappedKey;
        private final FileChannel channel;
        private final OutputStream out;
        private boolean kept;

        private Writing(UUID bidId) throws IOException, GeneralSecurityException {
            Path directory = Files.createDirectories(directory());
            file = bidId + "-" + UUID.randomUUID() + ".pkg";
            temporary = directory.resolve(file + ".tmp");
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey dataKey = generator.generateKey();
            Cipher wrap = Cipher.getInstance("AES/KWP/NoPadding");
            wrap.init(Cipher.WRAP_MODE, vaultKey());
            wrappedKey = wrap.wrap(dataKey);
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(bidId.toString().getBytes(StandardCharsets.US_ASCII));
            channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream file = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            file.write(nonce);
            out = new CipherOutputStream(file, cipher);
        }

        /** Where the package's plaintext goes; closing it does nothing, {@link #keep()} finishes the file. */
        public OutputStream out() {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                }
            };
        }

        /** Finishes the file, fsyncs it and puts it in place: from now on the record may name it. */
        public Kept keep() throws IOException {
            out.close(); // the GCM tag, and the file closed
            try (FileChannel sync = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                sync.force(true);
            }
            Files.move(temporary, directory().resolve(file), StandardCopyOption.ATOMIC_MOVE);
            kept = true;
            return new Kept(file, wrappedKey);
        }

        public void discard() {
            close();
        }

        @Override
        public void close() {
            if (!kept) {
                try {
                    channel.close();
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a stray temporary file holds only ciphertext under a key nobody kept
                }
            }
        }
    }

    /** A package in the vault: its file name and its wrapped data key, as the opening record keeps them. */
    public record Kept(String file, byte[] wrappedKey) {
    }

    public Writing write(UUID bidId) throws IOException {
        try {
            return new Writing(bidId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the encryption of an opened bid", e);
        }
    }

    /**
     * The plaintext of a kept package, decrypted as it is read; a damaged or substituted file fails with an
     * {@link IOException} at the latest at its end (the GCM tag).
     */
    public InputStream read(UUID bidId, String file, byte[] wrappedKey) throws IOException {
        byte[] dataKey;
        try {
            Cipher unwrap = Cipher.getInstance("AES/KWP/NoPadding");
            unwrap.init(Cipher.UNWRAP_MODE, vaultKey());
            dataKey = unwrap.unwrap(wrappedKey, "AES", Cipher.SECRET_KEY).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException("The data key of the package of bid " + bidId + " does not unwrap", e);
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(directory().resolve(file)), 1 << 16);
        byte[] nonce = in.readNBytes(NONCE);
        if (nonce.length != NONCE) {
            in.close();
            throw new IOException("The package file of bid " + bidId + " is cut short");
        }
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(dataKey), TAG_BITS, nonce,
                bidId.toString().getBytes(StandardCharsets.US_ASCII)));
        return new CipherInputStream(in, gcm);
    }

    /**
     * Deletes the vault's files that no line of an opening record names (a crash between writing a package and
     * recording its line leaves one) and are older than {@code grace}; returns how many.
     */
    public int deleteOrphans(java.util.Set<String> named, java.time.Duration grace) throws IOException {
        Path directory = directory();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        java.time.Instant before = java.time.Instant.now().minus(grace);
        int deleted = 0;
        try (var files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (!named.contains(file.getFileName().toString())
                        && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private Path directory() {
        return store.root().resolve("opened");
    }

    private SecretKey vaultKey() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(custody.keyEncryptionKey().getEncoded(), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal("tenderhall opened bid packages".getBytes(StandardCharsets.US_ASCII)), "AES");
    }
}
