package org.tenderhall.bid;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.tenderhall.bid.domain.UploadState;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.storage.StorageConfig;

/**
 * Keeps the envelope files and the bid rows in step: at start, deletes files no committed bid names and upload
 * files of uploads no longer open (a crash between writing and committing leaves such files); re-hashes every
 * committed envelope at start and at each {@code tenderhall.storage.verify-interval}; and reports readiness DOWN
 * while a committed bid's file is missing, of the wrong size, or of the wrong SHA-256.
 */
@ApplicationScoped
public class BidStorage {

    private static final Logger LOG = Logger.getLogger(BidStorage.class);

    /** A committed envelope as its row names it. */
    record Kept(UUID bid, String sha256, long size) {
    }

    @Inject
    StorageConfig config;

    @Inject
    BlobStore store;

    @Inject
    EntityManager em;

    private volatile Set<UUID> failedRehash = Set.of();

    void cleanUp(@Observes StartupEvent started) {
        try {
            Set<String> named = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select distinct b.envelopeSha256 from SealedBid b", String.class).getResultList()));
            Set<UUID> open = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select u.id from BidUpload u where u.state = :open", UUID.class)
                    .setParameter("open", UploadState.OPEN).getResultList()));
            int deleted = store.deleteOrphans(named::contains, open, config.orphanGrace());
            if (deleted > 0) {
                LOG.warnf("Deleted %d storage file(s) that no committed bid or open upload names (left by a crash)",
                        deleted);
            }
            reconcile(open);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the storage directory " + store.root(), e);
        }
    }

    /**
     * An open upload confirms no more bytes than its file holds: a crash between keeping the envelope and committing
     * its row leaves the upload open without its file, and the bidder sends it again from 0.
     */
    private void reconcile(Set<UUID> open) {
        for (UUID upload : open) {
            long held = store.received(upload);
            QuarkusTransaction.requiringNew().run(() -> {
                BidUpload row = em.find(BidUpload.class, upload);
                if (row.received > held) {
                    LOG.warnf("Upload %s confirmed %d bytes but holds %d after a crash: it resumes from %d", upload,
                            row.received, held, held);
                    row.received = held;
                }
            });
        }
    }

    /** Re-reads every committed envelope and checks its SHA-256. */
    @Scheduled(identity = "envelope-rehash", every = "${tenderhall.storage.verify-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void rehash() {
        Set<UUID> failed = new HashSet<>();
        for (Kept kept : kept()) {
            if (!store.intact(kept.sha256(), kept.size(), true)) {
                failed.add(kept.bid());
            }
        }
        if (!failed.isEmpty()) {
            LOG.errorf("%d committed bid envelope(s) fail their SHA-256: %s", failed.size(), failed);
        }
        failedRehash = Set.copyOf(failed);
    }

    /** The readiness check: DOWN while a committed bid's envelope is missing, of the wrong size or SHA-256. */
    @Readiness
    @ApplicationScoped
    static class Health implements HealthCheck {

        @Inject
        BidStorage storage;

        @Override
        public HealthCheckResponse call() {
            List<Kept> kept = storage.kept();
            Set<UUID> broken = storage.broken(kept);
            // No counts and no ids: health is public, and how many bids there are is secret until the opening.
            HealthCheckResponseBuilder response = HealthCheckResponse.named("bid envelopes").status(broken.isEmpty());
            if (!broken.isEmpty()) {
                response.withData("problem", "a committed envelope is missing or damaged; the log names it");
                LOG.errorf("Committed bid envelope(s) missing or damaged: %s", broken);
            }
            return response.build();
        }
    }

    /** The bids whose envelope is missing or of the wrong size now, or failed the last re-hash. */
    Set<UUID> broken(List<Kept> kept) {
        Set<UUID> broken = new HashSet<>(failedRehash);
        for (Kept each : kept) {
            if (!store.intact(each.sha256(), each.size(), false)) {
                broken.add(each.bid());
            }
        }
        return broken;
    }

    List<Kept> kept() {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select b.id, b.envelopeSha256, b.size"
                + " from SealedBid b", Object[].class).getResultList().stream()
                .map(row -> new Kept((UUID) row[0], (String) row[1], (Long) row[2])).toList());
    }
}
