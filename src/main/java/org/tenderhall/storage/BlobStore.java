package org.tenderhall.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Files under {@code tenderhall.storage.directory}: {@code uploads/<id>.part} while an upload is under way, then
 * {@code sha256/<aa>/<sha256>} once kept. Every write that a caller is told about is on disk (fsync) first, so
 * an offset confirmed to a client survives a crash, and a kept file exists before the row that names it.
 */
@ApplicationScoped
public class BlobStore {

    /** A kept file: its SHA-256 (hex), size, and where it is. */
    public record Blob(String sha256, long size, Path path) {
    }

    /** More bytes than the upload may take were sent; the extra bytes were not stored. */
    public static final class TooLong extends Exception {
        public TooLong(long limit) {
            super("more than the " + limit + " bytes declared");
        }
    }

    private static final Logger LOG = Logger.getLogger(BlobStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 1 << 16;
    /** Upload files given up, on their way out (see {@link #discard}). */
    private static final String DISCARDED = "discarded";
    /** fsyncs beside a long append, and deletions of discarded files. */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "blob-background");
        thread.setDaemon(true);
        return thread;
    });

    private final Path root;
    private final Sync sync;

    @jakarta.inject.Inject
    BlobStore(StorageConfig config) {
        this(config.directory());
    }

    BlobStore(Path root) {
        this(root, file -> file.force(false));
    }

    BlobStore(Path root, Sync sync) {
        this.root = root.toAbsolutePath().normalize();
        this.sync = sync;
    }

    /** For tests and tools outside CDI. */
    public static BlobStore at(Path root) {
        return new BlobStore(root);
    }

    public Path root() {
        return root;
    }

    /** The bytes of an upload received so far (0 when nothing is). */
    public long received(UUID upload) {
        try {
            return Files.size(part(upload));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #append(UUID, long, InputStream, long, AppendListener, LongConsumer)}, with no one told of checkpoints. */
    public long append(UUID upload, long offset, InputStream body, long limit, AppendListener written)
            throws IOException, TooLong {
        return append(upload, offset, body, limit, written, durable -> { });
    }

    /**
     * Appends to an upload from {@code offset}, which must be the bytes received so far; stops at {@code limit}
     * bytes in all. Whatever arrived is on disk when this returns or throws, so the caller can confirm the new
     * length: a dropped connection loses nothing already received. The bytes go around the page cache in pieces
     * handed to {@code written} from memory when they can ({@link DirectAppend}), through it otherwise. While a long
     * body arrives its bytes are synced every so often ({@link Flusher}), and {@code checkpoint} is told the length
     * then on disk, so that a crash in the middle loses at most that much. When a sync fails, the file is cut back
     * to the last length that was on disk, and nothing past it is confirmed.
     *
     * @param written    told the upload's length after each write (written, not yet synced), with the piece written
     *                   when it went around the cache, so that a reader can follow the file as it grows
     * @param checkpoint told, on a thread of its own and before this returns, a length that is on disk while the
     *                   append goes on; the last is told before this returns
     * @return the upload's length after this append
     * @throws TooLong when the body carries more than {@code limit} bytes in all (the file keeps {@code limit})
     */
    public long append(UUID upload, long offset, InputStream body, long limit, AppendListener written,
            LongConsumer checkpoint) throws IOException, TooLong {
        Path part = part(upload);
        Files.createDirectories(part.getParent());
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (file.size() < offset) {
                throw new IllegalStateException("upload " + upload + " holds " + file.size() + " bytes, not " + offset);
            }
            file.truncate(offset); // bytes past a confirmed offset were never confirmed
            file.position(offset);
            byte[] buffer = new byte[BUFFER];
            long length = offset;
            boolean tooLong = false;
            Flusher flusher = new Flusher(upload, file, sync, offset, checkpoint);
            AppendListener tracked = flusher.following(written);
            try (DirectAppend direct = DirectAppend.open(part, file, offset, tracked)) {
                flusher.every(direct != null ? Flusher.AROUND_THE_CACHE : Flusher.THROUGH_THE_CACHE);
                try {
                    int read;
                    while ((read = body.read(buffer)) != -1) {
                        int keep = (int) Math.min(read, limit - length);
                        length += keep;
                        if (direct != null) {
                            direct.write(buffer, 0, keep);
                        } else {
                            write(file, buffer, keep);
                            tracked.wrote(length);
                        }
                        if (keep < read) {
                            tooLong = true;
                            break;
                        }
                    }
                } finally { // whatever failed, what reached the file is synced before the caller confirms it
                    try {
                        if (direct != null) {
                            direct.finish();
                        }
                    } finally {
                        try {
                            flusher.finish();
                        } catch (IOException notOnDisk) {
                            // What the failed sync should have made durable may be lost (and a later sync would not
                            // say so): the file goes back to what a sync did make durable.
                            file.truncate(flusher.durable());
                            throw notOnDisk;
                        }
                    }
                }
            }
            if (tooLong) {
                throw new TooLong(limit);
            }
            return length;
        }
    }

    /**
     * Writes a long body out to the disk while more of it arrives, so the fsync that ends the append has little
     * left to do, and so that a crash loses little of it: every so many bytes written an fsync starts on a thread of
     * its own, unless one is still running, and the length it covers is a checkpoint. Around the page cache the bytes
     * are on the disk already, but the virtual disk of the development machine still took 0.3 to 0.8 s to make a
     * gigabyte durable at the end; an fsync every 64 MiB leaves it 0.04 s.
     */
    private static final class Flusher {
        static final long THROUGH_THE_CACHE = 32L << 20;
        static final long AROUND_THE_CACHE = 64L << 20;
        private final UUID upload;
        private final FileChannel file;
        private final Sync sync;
        private final LongConsumer checkpoint;
        private long every = THROUGH_THE_CACHE;
        private volatile long durable; // the length the last fsync that succeeded covered
        // Guarded by this: the writer tells lengths, the fsync's thread starts the next one when it ends.
        private long reached; // the length written so far
        private long lastStart; // the length the last fsync started at
        private boolean syncing;
        private boolean failed;
        private Future<?> running = CompletableFuture.completedFuture(null);

        Flusher(UUID upload, FileChannel file, Sync sync, long offset, LongConsumer checkpoint) {
            this.upload = upload;
            this.file = file;
            this.sync = sync;
            this.checkpoint = checkpoint;
            this.reached = offset;
            this.lastStart = offset;
            this.durable = offset;
        }

        void every(long bytes) {
            every = bytes;
        }

        long durable() {
            return durable;
        }

        /** {@code listener}, after this flusher has seen each length written. */
        AppendListener following(AppendListener listener) {
            return new AppendListener() {
                @Override
                public void wrote(long length) {
                    written(length);
                    listener.wrote(length);
                }

                @Override
                public void wrote(long length, java.nio.ByteBuffer piece, Runnable done) {
                    written(length);
                    listener.wrote(length, piece, done);
                }
            };
        }

        /** The file holds {@code length} bytes, written: an fsync starts if enough came since the last one. */
        private synchronized void written(long length) {
            reached = length;
            startIfDue();
        }

        /** Also when an fsync ends: a body that stalls right after it still gets its next checkpoint. */
        private void startIfDue() {
            if (!syncing && !failed && reached - lastStart >= every) {
                long length = reached;
                lastStart = length;
                syncing = true;
                running = BACKGROUND.submit(() -> sync(length));
            }
        }

        private Void sync(long length) throws IOException {
            try {
                sync.force(file);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failed = true;
                    syncing = false;
                }
                throw e;
            }
            durable = length;
            try {
                checkpoint.accept(length);
            } catch (RuntimeException e) { // the bytes are on disk all the same; the final length is told later
                LOG.warnf("Upload %s: its checkpoint at %d bytes was not recorded: %s", upload, length, e.toString());
            }
            synchronized (this) {
                syncing = false;
                startIfDue();
            }
            return null;
        }

        /**
         * Waits for the fsyncs under way, then fsyncs what is left: everything written is on disk on return. Fails
         * when any fsync of this append failed (a later one may succeed without the bytes the failed one lost).
         */
        void finish() throws IOException {
            boolean interrupted = false;
            while (true) {
                Future<?> last;
                synchronized (this) {
                    if (!syncing) {
                        break;
                    }
                    last = running;
                }
                try {
                    last.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the checkpoint must be told before the caller confirms the final length
                } catch (ExecutionException e) {
                    // failed says so
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                if (failed) {
                    throw new IOException("an fsync of upload " + upload + " failed");
                }
            }
            sync.force(file);
        }
    }

    /** Makes a file's bytes durable: {@code fsync}, a failing one in tests. */
    @FunctionalInterface
    interface Sync {
        void force(FileChannel file) throws IOException;
    }

    private static void write(FileChannel file, byte[] buffer, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }

    /** The upload's bytes, to read them (for checks before it is kept). */
    public Path partFile(UUID upload) {
        return part(upload);
    }

    /**
     * Keeps a complete upload under its SHA-256, which the caller has computed over the same file (and holds the
     * upload, so nothing wrote it since): links it into place and syncs the directories. The upload's own file stays
     * until {@link #discard}: if what follows fails, the bidder can still commit it again. The same bytes kept twice
     * are one file.
     */
    public Blob keep(UUID upload, String sha256) throws IOException {
        Path part = part(upload);
        long size = Files.size(part);
        Path target = path(sha256);
        Path prefix = target.getParent();
        Files.createDirectories(prefix);
        if (Files.exists(target)) {
            if (Files.size(target) != size) {
                throw new IOException("the kept file " + target + " has another size than the bytes named by its hash");
            }
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
        } else {
            try {
                Files.createLink(target, part);
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
                // A file system without hard links: a copy, durable under a temporary name, then put in place
                // whole, so that a crash never leaves a partial file under the hash.
                Path copy = prefix.resolve(sha256 + "." + UUID.randomUUID() + ".tmp");
                Files.copy(part, copy);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(copy, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
        }
        syncDirectory(prefix);
        syncDirectory(prefix.getParent());
        syncDirectory(root);
        return new Blob(sha256, size, target);
    }

    /** Deletes a kept file that no committed row names (after a commit that failed). */
    public void forget(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            LOG.warnf("Could not delete the kept file %s: %s", sha256, e);
        }
    }

    /**
     * Deletes an upload's file. It is moved out of the uploads at once, and deleted on a thread of its own: when no
     * kept file shares its bytes (an abandoned upload, or the same envelope kept before), the kernel takes a while
     * to free a large file (0.4 s for a GiB on the development machine), which a request need not wait for.
     * {@link #deleteOrphans} deletes what a stop left there.
     */
    public void discard(UUID upload) {
        Path part = part(upload);
        try {
            Path discarded = Files.createDirectories(root.resolve(DISCARDED)).resolve(part.getFileName());
            Files.move(part, discarded, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            BACKGROUND.execute(() -> deleteQuietly(discarded));
        } catch (NoSuchFileException e) {
            // nothing was received, or it is discarded already
        } catch (IOException e) {
            LOG.warnf("Could not move the upload file of %s away, deleting it here: %s", upload, e);
            deleteQuietly(part);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", file, e);
        }
    }

    public Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Whether the kept file is there with its size and its SHA-256 (reads it whole when {@code rehash}). */
    public boolean intact(String sha256, long size, boolean rehash) {
        Path file = path(sha256);
        try {
            return Files.size(file) == size && (!rehash || sha256(file).equals(sha256));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes kept files no row names and upload files of uploads no longer open, older than {@code grace} (another
     * instance may be between its rename and its commit), and every discarded upload file.
     *
     * @return how many files were deleted
     */
    public int deleteOrphans(Predicate<String> keptFileNamed, Set<UUID> openUploads, Duration grace) throws IOException {
        Instant before = Instant.now().minus(grace);
        int deleted = 0;
        Path uploads = root.resolve("uploads");
        if (Files.isDirectory(uploads)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads, "*.part")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    UUID id = parseUuid(name.substring(0, name.length() - ".part".length()));
                    if ((id == null || !openUploads.contains(id)) && olderThan(file, before)) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                }
            }
        }
        Path discarded = root.resolve(DISCARDED);
        if (Files.isDirectory(discarded)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(discarded)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        Path kept = root.resolve("sha256");
        if (Files.isDirectory(kept)) {
            try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(kept)) {
                for (Path prefix : prefixes) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                        for (Path file : files) {
                            String name = file.getFileName().toString();
                            if (!keptFileNamed.test(name) && olderThan(file, before)) {
                                Files.deleteIfExists(file);
                                deleted++;
                            }
                        }
                    }
                }
            }
        }
        return deleted;
    }

    private static boolean olderThan(Path file, Instant before) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(before);
    }

    private static UUID parseUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Path part(UUID upload) {
        return root.resolve("uploads").resolve(upload + ".part");
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open a directory; the rename is then as durable as they make it.
            LOG.debugf("Could not sync directory %s: %s", directory, e);
        }
    }
}
