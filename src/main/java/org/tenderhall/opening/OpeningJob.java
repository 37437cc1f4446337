package org.tenderhall.opening;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs the openings: starts those whose time has come (or fails their tenders), then opens the bids of every
 * opening under way that no other instance holds. A failed run changes nothing half-way; the next one resumes.
 */
@ApplicationScoped
public class OpeningJob {

    private static final Logger LOG = Logger.getLogger(OpeningJob.class);

    @Inject
    Openings openings;

    @Scheduled(identity = "openings", every = "${tenderhall.opening.check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int started = openings.startDue();
            if (started > 0) {
                LOG.infof("%d tender(s) reached their opening time", started);
            }
            int recorded = openings.proceed();
            if (recorded > 0) {
                LOG.infof("%d opening record(s) completed", recorded);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "The opening run failed; the next run resumes");
        }
    }
}
