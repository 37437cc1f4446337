package org.tenderhall.opening;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.bid.BidSubmissions.ValidBid;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.template.TemplateCatalogue;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.tender.TendersAtOpening;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;

/**
 * Proceeds with the openings under way: takes the lease of each in turn, opens the bids that have no line yet, in
 * parallel, and completes the record when every bid has its line. A run that stops half-way changes nothing of
 * what is done; the next run, on this instance or another once the lease runs out, resumes where the lines end.
 */
@ApplicationScoped
public class OpeningProceedings {

    private static final Logger LOG = Logger.getLogger(OpeningProceedings.class);

    @Inject
    OpeningConfig config; // parallelism: bids opened at once

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TendersAtOpening tenders;

    @Inject
    BidSubmissions bids;

    @Inject
    TemplateCatalogue templates;

    @Inject
    OpeningLeases leases;

    @Inject
    BidKeys keys;

    @Inject
    BidDecryption decryption;

    @Inject
    OpeningLines lines;

    @Inject
    OpeningCompletion completion;

    /** Opens the bids of every opening under way that no other instance holds; returns how many it completed. */
    public int proceed() {
        int completed = 0;
        Set<UUID> tried = new HashSet<>();
        for (Optional<UUID> tender = leases.take(); tender.isPresent(); tender = leases.take()) {
            try {
                if (!tried.add(tender.get())) {
                    break; // each opening under way has had its turn in this run; one that waits waits for the next
                }
                if (openBids(tender.get())) {
                    completed++;
                }
            } finally {
                leases.release(tender.get());
            }
        }
        return completed;
    }

    /** Opens the bids of a leased opening that have no line yet; completes the record when all have. */
    private boolean openBids(UUID tenderId) {
        record Work(OpeningTerms tender, Opening opening, List<ValidBid> pending) {
        }
        Work work = QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> done = new HashSet<>(em.createQuery("select l.bidId from OpeningLine l where l.tenderId = :t",
                    UUID.class).setParameter("t", tenderId).getResultList());
            return new Work(tenders.openingTerms(tenderId).orElseThrow(), em.find(Opening.class, tenderId),
                    bids.valid(tenderId).stream().filter(b -> !done.contains(b.id())).toList());
        });
        Optional<BidKeys.Found> found = keys.of(work.tender, work.opening, work.pending);
        if (found.isEmpty()) {
            return false; // dual control: waiting for custodians to hand in their shares
        }
        for (ValidBid bid : found.get().keyless()) {
            Instant now = clock.instant();
            OpeningLine line = new OpeningLine();
            line.bidId = bid.id();
            line.tenderId = tenderId;
            line.outcome = Outcome.REVOKED;
            line.reason = "The bidder did not decrypt its bid by the end of the decryption window, "
                    + work.opening.decryptionUntil;
            line.openedAt = now;
            lines.write(work.tender, bid, line, now);
        }
        if (!found.get().keys().isEmpty() && !decryptAll(work.tender, found.get().keys())) {
            return false;
        }
        return completion.complete(tenderId);
    }

    /** Decrypts the bids on a pool of threads, each into its line; false when a bid stopped the run. */
    private boolean decryptAll(OpeningTerms tender, Map<ValidBid, BidKey> toOpen) {
        List<FieldSpec> fields = templates.get(tender.templateCode()).manifest();
        // Each bid alternates between the processor (decrypt, hash) and the disk (its fsync): two per processor
        // keep the processors busy (opening benchmark: 0.72 of openssl's throughput against 0.49 with one).
        int threads = config.parallelism() > 0 ? config.parallelism() : 2 * Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, toOpen.size()), task -> {
            Thread thread = new Thread(task, "opening-" + tender.id().toString().substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> opened = new ArrayList<>();
            toOpen.forEach((bid, key) -> opened.add(pool.submit(() -> {
                Instant started = clock.instant();
                lines.write(tender, bid, decryption.open(tender, bid, key, fields), started);
                return null;
            })));
            for (Future<?> line : opened) {
                line.get();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warnf(e.getCause(), "Opening the bids of tender %s stopped; the next run resumes", tender.id());
            return false;
        } finally {
            pool.shutdownNow();
        }
    }
}
