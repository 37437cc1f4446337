package org.tenderhall.bid;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.seal.SealException;
import org.tenderhall.storage.AppendListener;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.storage.GrowingFileInput;

/**
 * Inspects an upload's envelope while its bytes arrive, so that committing a large bid does not read it all again.
 * A follower thread reads the upload just behind the writer (the pieces it hands over from memory, else the file) and
 * runs the very inspection the commit would run. At most {@code tenderhall.bid.inspecting-uploads} uploads are
 * followed at once; an upload without a follower (none was free, no byte came for
 * {@code tenderhall.bid.inspect-idle}, the platform restarted, or the follower did not read every byte) is inspected
 * at its commit instead. Either way the inspection covers
 * exactly the bytes the upload holds when it commits.
 */
@ApplicationScoped
class UploadInspections {

    private static final Logger LOG = Logger.getLogger(UploadInspections.class);

    /** {@code tenderhall.bid.inspecting-uploads}: inspections at once; {@code 0} leaves every envelope to its commit. */
    private final int slots;

    /** {@code tenderhall.bid.inspect-idle}: how long an inspection waits for more bytes. */
    private final Duration idle;

    @Inject
    UploadInspections(BidConfig config) {
        this(config.inspectingUploads(), config.inspectIdle());
    }

    /** For unit tests, outside CDI: the settings given directly. */
    UploadInspections(int slots, Duration idle) {
        this.slots = slots;
        this.idle = idle;
    }

    @Inject
    BlobStore store;

    /** The thread that follows one upload, and when the upload's file was last written through this process. */
    private static final class Follower {
        final GrowingFileInput input;
        CompletableFuture<Inspection> inspection;
        volatile FileTime lastWrite;

        Follower(GrowingFileInput input) {
            this.input = input;
        }

        /** Still useful to the commit: reading on, or read to the end. */
        boolean usable() {
            return !input.stopped() && (!inspection.isDone() || input.readToTheEnd());
        }
    }

    private final Map<UUID, Follower> followers = new ConcurrentHashMap<>();
    private Semaphore free;
    private ExecutorService threads;

    @PostConstruct
    void start() {
        free = new Semaphore(slots);
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bid-inspect");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        followers.values().forEach(follower -> follower.input.stop());
        threads.shutdownNow();
    }

    /**
     * Before bytes are appended from {@code offset}: where the append reports its progress. The upload's follower if
     * it stands at that offset, else a new one that reads the bytes held so far first, else (none free) nobody.
     */
    AppendListener follow(BidUpload upload, long offset) {
        Follower current = followers.get(upload.id);
        if (current != null && current.input.written() == offset && current.usable()) {
            return current.input;
        }
        if (current != null) {
            forget(upload.id);
            awaitEnd(current); // a stopped follower ends at once and frees its slot for the new one
        }
        if (slots <= 0 || !free.tryAcquire()) {
            return length -> { };
        }
        Follower follower = new Follower(new GrowingFileInput(store.partFile(upload.id), offset, upload.declaredSize,
                idle));
        try {
            follower.inspection = CompletableFuture.supplyAsync(() -> {
                try (InputStream envelope = new BufferedInputStream(follower.input, 1 << 16)) {
                    return EnvelopeInspector.inspect(envelope, upload.signature);
                } catch (SealException | IOException e) {
                    throw new CompletionException(e);
                } finally {
                    free.release();
                }
            }, threads);
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        followers.put(upload.id, follower);
        follower.inspection.whenComplete((inspection, failure) -> {
            if (failure != null && !(cause(failure) instanceof SealException)) {
                followers.remove(upload.id, follower); // stopped or broken: nothing to keep for the commit
            }
        });
        return follower.input;
    }

    /**
     * After an append, whether it completed or not: the file's modification time then. A commit takes the follower's
     * inspection only if the file has not been written since (by another process, say).
     */
    void appended(UUID upload) {
        Follower follower = followers.get(upload);
        if (follower != null) {
            follower.lastWrite = lastModified(upload);
        }
    }

    /**
     * The inspection of a complete upload: its follower's if that read every byte, else made now.
     *
     * @throws Rejection the bid's own fault, with its problem type
     */
    Inspection inspect(BidUpload upload) {
        try {
            Optional<Inspection> followed = followed(upload.id, upload.declaredSize);
            return followed.isPresent() ? followed.get() : EnvelopeInspector.inspect(store.partFile(upload.id),
                    upload.signature);
        } catch (SealException e) {
            throw new Rejection(BidProblems.of(e.reason()), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upload's follower, if any, is stopped and dropped (the upload was abandoned, refused or committed). */
    void forget(UUID upload) {
        Follower follower = followers.remove(upload);
        if (follower != null) {
            follower.input.stop();
        }
    }

    /** Whether a follower reads the upload, or has read it to the end. */
    boolean following(UUID upload) {
        Follower follower = followers.get(upload);
        return follower != null && follower.usable();
    }

    /** Whether the upload's follower has ended its inspection (for tests). */
    boolean finished(UUID upload) {
        Follower follower = followers.get(upload);
        return follower != null && follower.inspection.isDone();
    }

    private Optional<Inspection> followed(UUID upload, long size) throws SealException {
        Follower follower = followers.remove(upload);
        if (follower == null) {
            return Optional.empty();
        }
        FileTime now = lastModified(upload);
        if (follower.input.written() != size || now == null || !now.equals(follower.lastWrite)) {
            follower.input.stop();
            return Optional.empty();
        }
        try {
            Inspection inspection = follower.inspection.get();
            return follower.input.readToTheEnd() ? Optional.of(inspection) : Optional.empty();
        } catch (ExecutionException e) {
            if (cause(e) instanceof SealException refused && follower.input.readToTheEnd()) {
                throw refused;
            }
            LOG.debugf("Upload %s is inspected at its commit: its follower ended with %s", upload, cause(e));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the inspection of upload " + upload + " ended", e);
        }
    }

    private FileTime lastModified(UUID upload) {
        try {
            return Files.getLastModifiedTime(store.partFile(upload));
        } catch (IOException e) {
            return null;
        }
    }

    private static void awaitEnd(Follower stopped) {
        try {
            stopped.inspection.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // it ended (stopped), or will soon; either way it is no longer this upload's follower
        }
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
