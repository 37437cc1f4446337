package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.Set;
import org.jboss.logging.Logger;
import org.tenderhall.storage.StorageConfig;

/**
 * Runs the openings: starts those whose time has come (or fails their tenders), then opens the bids of every
 * opening under way that no other instance holds. A failed run changes nothing half-way; the next one resumes.
 */
@ApplicationScoped
public class OpeningJob {

    private static final Logger LOG = Logger.getLogger(OpeningJob.class);

    @Inject
    OpeningStarts starts;

    @Inject
    OpeningProceedings proceedings;

    @Inject
    PackageVault vault;

    @Inject
    EntityManager em;

    @Inject
    StorageConfig storage;

    /** At start: the opened packages a crash left without their line go. */
    void cleanUp(@Observes StartupEvent start) throws IOException {
        Set<String> named = QuarkusTransaction.requiringNew().call(() -> Set.copyOf(em.createQuery(
                "select l.packageFile from OpeningLine l where l.packageFile is not null", String.class).getResultList()));
        int deleted = vault.deleteOrphans(named, storage.orphanGrace());
        if (deleted > 0) {
            LOG.warnf("Deleted %d opened package file(s) that no opening record names (left by a crash)", deleted);
        }
    }

    @Scheduled(identity = "openings", every = "${tenderhall.opening.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        try {
            int started = starts.startDue();
            if (started > 0) {
                LOG.infof("%d tender(s) reached their opening time", started);
            }
            int recorded = proceedings.proceed();
            if (recorded > 0) {
                LOG.infof("%d opening record(s) completed", recorded);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "The opening run failed; the next run resumes");
        }
    }
}
