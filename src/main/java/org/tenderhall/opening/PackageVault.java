package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.tenderhall.storage.BlobStore;

/**
 * Keeps opened bid packages encrypted at rest: each package under keys of its own, AES-256-CTR then HMAC-SHA256
 * over the bid's id, the IV and the ciphertext (encrypt-then-MAC; both run on the processor's AES and SHA
 * instructions, where GCM's GHASH here did not). The two keys are stored only wrapped (AES key wrap, RFC 5649)
 * under the vault key, which is derived from the platform's key-encryption key and never stored. A file is
 * {@code IV ‖ ciphertext ‖ tag} under {@code <storage>/opened/}, and counts only once the opening record names it.
 */
@ApplicationScoped
public class PackageVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV = 16;
    private static final int TAG = 32;

    @Inject
    BlobStore store;

    @Inject
    OpeningKeyCustody custody;

    /** Derived from the KEK on first use, never stored. */
    private volatile SecretKey vaultKey;

    /** A package being written: write it to {@link #out()}, then {@link #keep()} it, or {@link #discard()} it. */
    public final class Writing implements AutoCloseable {
        private final Path temporary;
        private final String file;
        private final byte[] wrappedKey;
        private final FileChannel channel;
        private final OutputStream sink;
        private final Cipher cipher;
        private final Mac mac;
        private boolean kept;

        private Writing(UUID bidId) throws IOException, GeneralSecurityException {
            Path directory = Files.createDirectories(directory());
            file = bidId + "-" + UUID.randomUUID() + ".pkg";
            temporary = directory.resolve(file + ".tmp");
            byte[] keys = new byte[64]; // encryption key, then MAC key
            RANDOM.nextBytes(keys);
            Cipher wrap = Cipher.getInstance("AES/KWP/NoPadding");
            wrap.init(Cipher.WRAP_MODE, vaultKey());
            wrappedKey = wrap.wrap(new SecretKeySpec(keys, "RAW"));
            byte[] iv = new byte[IV];
            RANDOM.nextBytes(iv);
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(iv));
            mac = mac(keys, bidId, iv);
            java.util.Arrays.fill(keys, (byte) 0);
            channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            sink = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            sink.write(iv);
        }

        /** Where the package's plaintext goes; closing it does nothing, {@link #keep()} finishes the file. */
        public OutputStream out() {
            return new OutputStream() {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    byte[] encrypted = cipher.update(b, off, len);
                    if (encrypted != null) {
                        mac.update(encrypted);
                        sink.write(encrypted);
                    }
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
        }

        /** Finishes the file with its tag, fsyncs it and puts it in place: from now on the record may name it. */
        public Kept keep() throws IOException {
            try {
                byte[] last = cipher.doFinal();
                mac.update(last);
                sink.write(last);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            sink.write(mac.doFinal());
            sink.close();
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
                    // a stray temporary file holds only ciphertext under keys nobody kept
                }
            }
        }
    }

    /** A package in the vault: its file name and its wrapped keys, as the opening record keeps them. */
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
     * {@link IOException} at the latest at its end, where the tag is checked, before the end is reported.
     */
    public InputStream read(UUID bidId, String file, byte[] wrappedKey) throws IOException {
        byte[] keys;
        try {
            Cipher unwrap = Cipher.getInstance("AES/KWP/NoPadding");
            unwrap.init(Cipher.UNWRAP_MODE, vaultKey());
            keys = unwrap.unwrap(wrappedKey, "RAW", Cipher.SECRET_KEY).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException("The keys of the package of bid " + bidId + " do not unwrap", e);
        }
        Path path = directory().resolve(file);
        long ciphertext = Files.size(path) - IV - TAG;
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        byte[] iv = in.readNBytes(IV);
        if (iv.length != IV || ciphertext < 0) {
            in.close();
            throw new IOException("The package file of bid " + bidId + " is cut short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(iv));
            return new Decrypting(in, ciphertext, cipher, mac(keys, bidId, iv), bidId);
        } catch (GeneralSecurityException e) {
            in.close();
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts {@code remaining} bytes of ciphertext, then checks the tag that follows before reporting the end. */
    private static final class Decrypting extends InputStream {
        private final InputStream in;
        private final Cipher cipher;
        private final Mac mac;
        private final UUID bidId;
        private long remaining;
        private boolean checked;

        Decrypting(InputStream in, long ciphertext, Cipher cipher, Mac mac, UUID bidId) {
            this.in = in;
            this.remaining = ciphertext;
            this.cipher = cipher;
            this.mac = mac;
            this.bidId = bidId;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                if (!checked) {
                    byte[] tag = in.readNBytes(TAG);
                    if (!java.security.MessageDigest.isEqual(tag, mac.doFinal())) {
                        throw new IOException("The package file of bid " + bidId + " has been changed or damaged");
                    }
                    checked = true;
                }
                return -1;
            }
            byte[] encrypted = new byte[(int) Math.min(Math.min(len, remaining), 1 << 16)];
            int read = in.read(encrypted);
            if (read == -1) {
                throw new IOException("The package file of bid " + bidId + " is cut short");
            }
            remaining -= read;
            mac.update(encrypted, 0, read);
            try {
                return cipher.update(encrypted, 0, read, b, off);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Mac mac(byte[] keys, UUID bidId, byte[] iv) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
        mac.update(bidId.toString().getBytes(StandardCharsets.US_ASCII));
        mac.update(iv);
        return mac;
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
        SecretKey derived = vaultKey;
        if (derived == null) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(custody.keyEncryptionKey().getEncoded(), "HmacSHA256"));
            derived = new SecretKeySpec(mac.doFinal("tenderhall opened bid packages".getBytes(StandardCharsets.US_ASCII)),
                    "AES");
            vaultKey = derived;
        }
        return derived;
    }
}
