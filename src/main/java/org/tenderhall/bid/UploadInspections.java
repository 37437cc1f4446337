package org.tenderhall.bid;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.seal.SealException;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.storage.GrowingFileInput;

/**
 * Inspects an upload's envelope while its bytes arrive, so that committing a large bid does not read it all again.
 * A follower thread reads the upload's file just behind the writer (from the page cache) and runs the very inspection
 * the commit would run. At most {@code tenderhall.bid.inspecting-uploads} uploads are followed at once; an upload
 * without a follower (none was free, no byte came for {@code tenderhall.bid.inspect-idle}, the platform restarted,
 * or the follower did not read every byte) is inspected at its commit instead. Either way the inspection covers
 * exactly the bytes the upload holds when it commits.
 */
@ApplicationScoped
class UploadInspections {

    private static final Logger LOG = Logger.getLogger(UploadInspections.class);

    @ConfigProperty(name = "tenderhall.bid.inspecting-uploads", defaultValue = "4")
    int slots;

    @ConfigProperty(name = "tenderhall.bid.inspect-idle", defaultValue = "30s")
    Duration idle;

    @Inject
    BlobStore store;

    private record Follower(GrowingFileInput input, Future<Inspection> inspection) {
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
        followers.values().forEach(follower -> follower.input().stop());
        threads.shutdownNow();
    }

    /**
     * Before bytes are appended from {@code offset}: where the append reports its progress. The upload's follower if
     * it stands at that offset, else a new one that reads the bytes held so far first, else (none free) nobody.
     */
    LongConsumer follow(BidUpload upload, long offset) {
        Follower current = followers.get(upload.id);
        if (current != null && current.input().written() == offset && !failed(current)) {
            return current.input()::wrote;
        }
        forget(upload.id);
        if (slots <= 0 || !free.tryAcquire()) {
            return length -> { };
        }
        GrowingFileInput input = new GrowingFileInput(store.partFile(upload.id), offset, upload.declaredSize, idle);
        try {
            followers.put(upload.id, new Follower(input, threads.submit(() -> {
                try (InputStream envelope = new BufferedInputStream(input, 1 << 16)) {
                    return EnvelopeInspector.inspect(envelope, upload.signature);
                } finally {
                    free.release();
                }
            })));
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        return input::wrote;
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
            follower.input().stop();
        }
    }

    /** Whether a follower reads the upload, or has read it and not failed. */
    boolean following(UUID upload) {
        Follower follower = followers.get(upload);
        return follower != null && !failed(follower);
    }

    private Optional<Inspection> followed(UUID upload, long size) throws SealException {
        Follower follower = followers.remove(upload);
        if (follower == null) {
            return Optional.empty();
        }
        if (follower.input().written() != size) {
            follower.input().stop();
            return Optional.empty();
        }
        try {
            Inspection inspection = follower.inspection().get();
            return follower.input().readToTheEnd() ? Optional.of(inspection) : Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SealException refused && follower.input().readToTheEnd()) {
                throw refused;
            }
            LOG.debugf("Upload %s is inspected at its commit: its follower ended with %s", upload, e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the inspection of upload " + upload + " ended", e);
        }
    }

    private static boolean failed(Follower follower) {
        if (!follower.inspection().isDone()) {
            return false;
        }
        try {
            follower.inspection().get();
            return false;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof SealException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
