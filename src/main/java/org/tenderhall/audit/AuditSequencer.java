package org.tenderhall.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.tenderhall.platform.database.TransactionLock;

/**
 * Numbers the audit log. A command writes its event as an {@link AuditEntry} in its own transaction, without a
 * number and without a lock; once committed, entries are numbered here, in short transactions of their own, a
 * batch at a time: each becomes the {@link AuditEvent} at the log's next position (gapless, from
 * {@code audit_log_head}) and the entry is deleted with it. So no command's commit waits for another's, and the
 * log's order still follows cause: an entry written after another committed has a higher id, and ids are numbered
 * in order.
 *
 * <p>Numbering runs in the background right after each commit that wrote an entry; whoever reads the log, or needs
 * an event's number (a receipt names its leaf), numbers what has committed first. One numberer at a time, across
 * instances too (an advisory lock). Entries a crash left are numbered at the next start, and by a job every
 * {@code tenderhall.audit.number-interval}.
 */
@ApplicationScoped
public class AuditSequencer {

    private static final Logger LOG = Logger.getLogger(AuditSequencer.class);
    private static final int BATCH = 500;

    @Inject
    EntityManager em;

    private final ReentrantLock numbering = new ReentrantLock();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "audit-sequencer");
        thread.setDaemon(true);
        return thread;
    });

    /** Numbers every entry committed so far. Returns how many it numbered. */
    public int numberCommitted() {
        numbering.lock();
        try {
            int numbered = 0;
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::numberBatch);
                numbered += batch;
            } while (batch == BATCH);
            return numbered;
        } finally {
            numbering.unlock();
        }
    }

    /**
     * The event that entry {@code entryId} became, numbering committed entries first if it is not numbered yet.
     *
     * @throws IllegalStateException if there is no such committed entry
     */
    public AuditEvent eventOf(long entryId) {
        AuditEvent event = find(entryId);
        if (event == null) {
            numberCommitted();
            event = find(entryId);
        }
        if (event == null) {
            throw new IllegalStateException("audit entry " + entryId + " is not committed");
        }
        return event;
    }

    /** Numbers soon, off the caller's thread: after a commit that wrote an entry. Many calls make one run. */
    void soon() {
        if (queued.compareAndSet(false, true)) {
            background.execute(() -> {
                queued.set(false);
                try {
                    numberCommitted();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Audit entries stay unnumbered for now; they are numbered by the next reader or job");
                }
            });
        }
    }

    void numberAtStart(@Observes StartupEvent started) {
        int numbered = numberCommitted();
        if (numbered > 0) {
            LOG.infof("Numbered %d audit entries left unnumbered by the last run", numbered);
        }
    }

    @Scheduled(identity = "audit-numbering", every = "${tenderhall.audit.number-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void numberNow() {
        numberCommitted();
    }

    void numberAtStop(@Observes ShutdownEvent stopping) {
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
            numberCommitted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Audit entries stay unnumbered at stop; the next start numbers them");
        }
    }

    private int numberBatch() {
        TransactionLock.acquire(em, "audit:numbering");
        List<AuditEntry> entries = em.createQuery("from AuditEntry order by id", AuditEntry.class)
                .setMaxResults(BATCH).getResultList();
        for (AuditEntry entry : entries) {
            // The head only advances by one and an event must take the number just handed out (V5's triggers).
            long seq = ((Number) em.createNativeQuery("update audit_log_head set size = size + 1 where id = 1"
                    + " returning size").getSingleResult()).longValue() - 1;
            em.persist(AuditEvent.numbered(entry, seq));
            em.remove(entry);
            em.flush();
        }
        return entries.size();
    }

    private AuditEvent find(long entryId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from AuditEvent where entryId = :entry",
                AuditEvent.class).setParameter("entry", entryId).getResultStream().findFirst().orElse(null));
    }
}
