package org.tenderhall.opening;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.identity.OrganisationService;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;
import org.tenderhall.opening.domain.DeclaredFigures;
import org.tenderhall.opening.domain.OpeningRules;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningContentKey;
import org.tenderhall.opening.store.OpeningEvent;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.pki.TrustList;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.Hashes;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.publication.Notice;
import org.tenderhall.publication.Notices;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.SealException;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.template.TemplateCatalogue;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.tender.Tenders;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.domain.TenderTransition;
import org.tenderhall.tender.domain.TimedTransitions;

/**
 * The opening (开标): at the opening time, a tender with fewer than three valid bids fails (流标); otherwise every
 * valid bid is opened, once, and gets its line in the opening record. Safe with several instances: starting takes
 * the tender with {@code FOR UPDATE SKIP LOCKED}; opening the bids takes a lease on the opening, renewed with
 * each line, so one instance works on it at a time, and after a crash another resumes where the lines end.
 */
@ApplicationScoped
public class Openings {

    /** The events after which the opening hall has nothing more to show. */
    public static final java.util.Set<String> FINAL_EVENTS = java.util.Set.of("record-complete", "tender-failed");

    private static final Logger LOG = Logger.getLogger(Openings.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;
    /** This process, as the holder of opening leases. */
    private static final UUID INSTANCE = UUID.randomUUID();

    @ConfigProperty(name = "tenderhall.opening.lease", defaultValue = "60s")
    Duration lease;

    @ConfigProperty(name = "tenderhall.opening.objection-window", defaultValue = "30m")
    Duration objectionWindow;

    /** Bidder decrypts: how long bidders have to hand in their content keys once the opening starts. */
    @ConfigProperty(name = "tenderhall.opening.decryption-window", defaultValue = "30m")
    Duration decryptionWindow;

    /** For the crash test only: the JVM halts right after the first line of an opening is written. */
    @ConfigProperty(name = "tenderhall.fault.halt-after-opening-line", defaultValue = "false")
    boolean haltAfterLine;

    /** Bids opened at once; 0: two per processor. */
    @ConfigProperty(name = "tenderhall.opening.parallelism", defaultValue = "0")
    int parallelism;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Notices notices;

    @Inject
    Clock clock;

    @Inject
    OpeningKeyCustody custody;

    @Inject
    PackageVault vault;

    @Inject
    BlobStore store;

    @Inject
    TrustList trustList;

    @Inject
    TemplateCatalogue templates;

    @Inject
    Tenders tenders;

    @Inject
    OpeningRecords records;

    @Inject
    OpeningCertificates certificates;

    @Inject
    CustodyPlans plans;

    @Inject
    OpeningRecordDocument document;

    @Inject
    BidSubmissions bids;

    @Inject
    OrganisationService organisations;

    // --- Starting ----------------------------------------------------------------------------------------------

    /** Starts the openings whose time has come, or fails their tenders; returns how many tenders it moved. */
    @Transactional
    public int startDue() {
        Instant now = clock.instant();
        int moved = 0;
        for (Tenders.OpeningTerms tender : tenders.dueForOpeningLocked(now, BATCH)) {
            Actor system = system(tender);
            TenderStatus status = tender.status();
            if (TimedTransitions.due(status, tender.bidDeadline(), tender.openingTime(), now).orElse(null)
                    == TenderTransition.CLOSE_BIDDING) { // the deadline scheduler has not run yet
                tenders.closeBidding(system, tender.id(), now);
                status = TenderStatus.BIDDING_CLOSED;
            }
            if (TimedTransitions.due(status, tender.bidDeadline(), tender.openingTime(), now).orElse(null)
                    == TenderTransition.START_OPENING) {
                start(tender, now, system);
                moved++;
            }
        }
        return moved;
    }

    /**
     * An agent's request to open now rather than at the scheduler's next run. Before the opening time it is
     * refused and recorded, whoever asks; after it, only the tender's own agents may ask.
     *
     * @return the opening, or null when the tender failed instead for too few bids
     */
    @Transactional(dontRollbackOn = Rejection.class)
    public Opening open(Actor actor, UUID tenderId) {
        Tenders.OpeningTerms tender = tenders.openingTermsLocked(tenderId)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No tender " + tenderId));
        Instant now = clock.instant();
        if (!OpeningRules.due(tender.openingTime(), now)) {
            QuarkusTransaction.requiringNew().run(() -> audit.recordRefusal(actor, "OpeningRefused", Tenders.subject(tenderId),
                    Map.of("problem", OpeningProblems.NOT_DUE.slug(), "reason", "before the opening time",
                            "openingTime", tender.openingTime().toString(),
                            "at", now.toString())));
            throw new Rejection(OpeningProblems.NOT_DUE, "The bids of this tender open at " + tender.openingTime()
                    + ", not before; the attempt is recorded");
        }
        if (actor.role() != Role.AGENT || !actor.organisation().value().equals(tender.agentOrganisation())) {
            throw new Rejection(ProblemType.FORBIDDEN, "Only the tender's agents start its opening");
        }
        Opening existing = em.find(Opening.class, tenderId);
        if (existing != null) {
            return existing;
        }
        TenderStatus status = tender.status();
        if (status == TenderStatus.PUBLISHED) { // the deadline has passed; the scheduler has not run yet
            tenders.closeBidding(actor, tenderId, now);
            status = TenderStatus.BIDDING_CLOSED;
        }
        if (status != TenderStatus.BIDDING_CLOSED) {
            throw new Rejection(OpeningProblems.NOT_STARTED, "A tender that is "
                    + status.name().toLowerCase().replace('_', ' ') + " has no opening");
        }
        return start(tender, now, actor);
    }

    /** Fails the tender with too few valid bids, or starts its opening; in the caller's transaction. */
    private Opening start(Tenders.OpeningTerms tender, Instant now, Actor actor) {
        long valid = bids.valid(tender.id()).size();
        if (OpeningRules.tooFewBids(valid)) {
            String reason = "Fewer than " + OpeningRules.MINIMUM_BIDS + " valid bids at the deadline (" + valid + ")";
            tenders.fail(actor, tender.id(), reason, Map.of("validBids", valid), now);
            notices.post(tender.id(), Notice.Kind.TENDER_FAILED, "流标公告：" + tender.projectName(), now);
            event(tender.id(), "tender-failed", Map.of("reason", reason, "validBids", valid), now);
            return null;
        }
        tenders.startOpening(tender.id(), now);
        Opening opening = new Opening();
        opening.tenderId = tender.id();
        opening.custody = certificates.of(tender.id()).orElseThrow().custody();
        opening.state = Opening.State.DECRYPTING;
        opening.bids = (int) valid;
        opening.startedAt = now;
        Map<String, Object> started = new LinkedHashMap<>(Map.of("bids", valid, "custody", opening.custody.name()));
        if (opening.custody != Custody.SCHEDULED) { // what shares (or keys) are handed in encrypted to
            OpeningCertificates.Transport transport = certificates.issueTransport(tender.id(),
                    now.plus(Duration.ofDays(30)));
            opening.transportCertificate = transport.certificatePem();
            opening.transportKey = transport.wrappedKey();
        }
        if (opening.custody == Custody.BIDDER_DECRYPTS) {
            opening.decryptionUntil = now.plus(decryptionWindow);
            started.put("decryptionUntil", opening.decryptionUntil.toString());
        }
        if (opening.custody == Custody.DUAL_CONTROL) {
            started.put("threshold", certificates.wrappedKey(tender.id()).orElseThrow().threshold());
            started.put("custodians", plans.custodiansOf(tender.id()).stream().map(c -> c.account()).toList());
        }
        em.persist(opening);
        audit.record(actor, "OpeningStarted", Tenders.subject(tender.id()),
                Map.of("validBids", valid, "custody", opening.custody.name(), "at", now.toString()));
        event(tender.id(), "opening-started", started, now);
        return opening;
    }

    // --- Opening the bids --------------------------------------------------------------------------------------

    /** Opens the bids of every opening under way that no other instance holds; returns how many it completed. */
    public int proceed() {
        int completed = 0;
        java.util.Set<UUID> tried = new java.util.HashSet<>();
        for (Optional<UUID> tender = lease(); tender.isPresent(); tender = lease()) {
            try {
                if (!tried.add(tender.get())) {
                    break; // each opening under way has had its turn in this run; one that waits waits for the next
                }
                if (openBids(tender.get())) {
                    completed++;
                }
            } finally {
                release(tender.get());
            }
        }
        return completed;
    }

    /**
     * Takes the lease of one opening under way that nobody holds: the one released longest ago (never leased
     * first), so that in one run each opening gets its turn before any gets a second.
     */
    Optional<UUID> lease() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object> taken = em.createNativeQuery("update opening set lease_owner = :me, lease_until = :until"
                    + " where tender_id = (select tender_id from opening where state = 'DECRYPTING'"
                    + " and (lease_until is null or lease_until < :now) order by lease_until nulls first, started_at"
                    + " limit 1 for update skip locked) returning tender_id")
                    .setParameter("me", INSTANCE).setParameter("until", now.plus(lease)).setParameter("now", now)
                    .getResultList();
            return taken.stream().findFirst().map(id -> (UUID) id);
        });
    }

    /** Gives the lease back, marked with the time: the opening goes to the back of the queue. */
    private void release(UUID tenderId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update opening set lease_owner = null,"
                + " lease_until = :now where tender_id = :t and lease_owner = :me").setParameter("now", clock.instant())
                .setParameter("t", tenderId).setParameter("me", INSTANCE).executeUpdate());
    }

    /** Opens the bids of a leased opening that have no line yet; completes the record when all have. */
    boolean openBids(UUID tenderId) {
        record Work(Tenders.OpeningTerms tender, Opening opening, List<BidSubmissions.ValidBid> pending) {
        }
        Work work = QuarkusTransaction.requiringNew().call(() -> {
            java.util.Set<UUID> done = new java.util.HashSet<>(em.createQuery("select l.bidId from OpeningLine l"
                    + " where l.tenderId = :t", UUID.class).setParameter("t", tenderId).getResultList());
            return new Work(tenders.openingTerms(tenderId).orElseThrow(), em.find(Opening.class, tenderId),
                    bids.valid(tenderId).stream().filter(b -> !done.contains(b.id())).toList());
        });
        Map<BidSubmissions.ValidBid, BidKey> toOpen = new LinkedHashMap<>();
        if (work.opening.custody == Custody.BIDDER_DECRYPTS) {
            Instant now = clock.instant();
            for (BidSubmissions.ValidBid bid : work.pending) {
                Optional<byte[]> key = contentKey(bid.id());
                if (key.isPresent()) {
                    toOpen.put(bid, (envelope, signer, sha256, out) -> BidOpener.openWithContentKey(envelope, signer,
                            sha256, key.get(), out));
                } else if (!now.isBefore(work.opening.decryptionUntil)) {
                    OpeningLine line = new OpeningLine();
                    line.bidId = bid.id();
                    line.tenderId = tenderId;
                    line.outcome = Outcome.REVOKED;
                    line.reason = "The bidder did not decrypt its bid by the end of the decryption window, "
                            + work.opening.decryptionUntil;
                    line.openedAt = now;
                    QuarkusTransaction.requiringNew().run(() -> record(work.tender, bid, line, now));
                }
            }
        } else if (!work.pending.isEmpty()) {
            Optional<OpeningKeyCustody.Unlocked> unlocked = custody.unlock(system(work.tender), tenderId);
            if (unlocked.isEmpty()) {
                return false; // dual control: waiting for custodians to hand in their shares
            }
            OpeningKeyCustody.Unlocked key = unlocked.get();
            for (BidSubmissions.ValidBid bid : work.pending) {
                toOpen.put(bid, (envelope, signer, sha256, out) -> BidOpener.open(envelope, signer, sha256, key.key(),
                        key.certificate(), out));
            }
        }
        if (!toOpen.isEmpty()) {
            List<FieldSpec> fields = templates.get(work.tender.templateCode()).manifest();
            // Each bid alternates between the processor (decrypt, hash) and the disk (its fsync): two per processor
            // keep the processors busy (opening benchmark: 0.72 of openssl's throughput against 0.49 with one).
            int threads = parallelism > 0 ? parallelism : 2 * Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, toOpen.size()), task -> {
                Thread thread = new Thread(task, "opening-" + tenderId.toString().substring(0, 8));
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> lines = new ArrayList<>();
                toOpen.forEach((bid, key) -> lines.add(pool.submit(() -> {
                    openBid(work.tender, bid, key, fields);
                    return null;
                })));
                for (Future<?> line : lines) {
                    line.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                LOG.warnf(e.getCause(), "Opening the bids of tender %s stopped; the next run resumes", tenderId);
                return false;
            } finally {
                pool.shutdownNow();
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> complete(tenderId));
    }

    /** What opens one bid: the opening key (scheduled, dual control), or the bidder's content key. */
    private interface BidKey {
        OpenedBid open(java.nio.file.Path envelope, X509Certificate signer, String envelopeSha256, OutputStream out)
                throws SealException, IOException;
    }

    /** The content key a bidder handed in for its bid, if it did. */
    private Optional<byte[]> contentKey(UUID bidId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(em.find(OpeningContentKey.class, bidId)))
                .map(k -> {
                    try {
                        return custody.openUnderKek(k.keyWrapped);
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException("The content key of bid " + bidId + " does not unwrap", e);
                    }
                });
    }

    /** Opens one bid into the vault and writes its line, or the line of why it did not open. */
    private void openBid(Tenders.OpeningTerms tender, BidSubmissions.ValidBid bid, BidKey key,
            List<FieldSpec> fields) throws IOException {
        Instant started = clock.instant();
        OpeningLine line = new OpeningLine();
        line.bidId = bid.id();
        line.tenderId = tender.id();
        try (PackageVault.Writing writing = vault.write(bid.id())) {
            HeadCapture head = new HeadCapture(writing.out(), DeclaredFigures.HEAD);
            try {
                X509Certificate signer = Pem.certificates(bid.signerCertificate().getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII)).get(0);
                OpenedBid opened = key.open(store.path(bid.envelopeSha256()), signer, bid.envelopeSha256(), head);
                String refusal = refusal(tender, bid, opened);
                if (refusal != null) {
                    line.outcome = Outcome.REVOKED;
                    line.reason = refusal;
                } else {
                    DeclaredFigures figures = DeclaredFigures.read(head.bytes(), fields, tender.id().toString(),
                            bid.lot(), bid.organisation());
                    PackageVault.Kept kept = writing.keep();
                    line.outcome = Outcome.OPENED;
                    line.price = figures.price();
                    line.declared = figures.declared().toString();
                    line.problems = JSON.writeValueAsString(figures.problems());
                    line.packageSha256 = opened.packageSha256();
                    line.packageSize = opened.packageSize();
                    line.packageFile = kept.file();
                    line.packageKey = kept.wrappedKey();
                }
            } catch (SealException e) {
                boolean intact = store.intact(bid.envelopeSha256(), bid.size(), true);
                line.outcome = OpeningRules.blame(e.reason(), intact);
                line.reason = (intact ? "" : "The stored envelope is no longer the one received. ") + e.getMessage();
            } catch (IOException e) {
                line.outcome = Outcome.WITHDRAWN;
                // The record is read by bidders: the JDK's text stays in the log.
                LOG.warnf(e, "Bid %s of tender %s could not be read or kept at the opening", bid.id(), tender.id());
                line.reason = "The platform could not read or keep the bid (logged under bid " + bid.id() + ")";
            } catch (CertificateException e) {
                throw new IllegalStateException("bid " + bid.id() + " has an unreadable signer certificate", e);
            }
        }
        line.openedAt = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> record(tender, bid, line, started));
        if (haltAfterLine) {
            LOG.error("tenderhall.fault.halt-after-opening-line is set: halting, as a crash would, after a line");
            Runtime.getRuntime().halt(137);
        }
    }

    /** Why an opened bid is not the bid it claims to be (the bidder's fault), or null. */
    private String refusal(Tenders.OpeningTerms tender, BidSubmissions.ValidBid bid, OpenedBid opened) {
        Optional<BidBinding> binding = opened.binding();
        if (binding.isPresent() && !(tender.id().toString().equals(binding.get().tenderId())
                && bid.lot().equals(binding.get().lot()) && bid.organisation().equals(binding.get().bidderCode()))) {
            return "The bid inside is signed for tender " + binding.get().tenderId() + ", lot " + binding.get().lot()
                    + ", bidder " + binding.get().bidderCode();
        }
        try {
            trustList.check(opened.signer(), opened.certificates(), bid.receivedAt(), bid.organisation(),
                    CertificateCheck.Purpose.SIGNING);
        } catch (Rejection e) {
            return "The bid's signer was not trusted at the receipt time " + bid.receivedAt() + ": " + e.getMessage();
        }
        return null;
    }

    /** Writes a bid's line, if this instance still holds the opening's lease and the bid has none yet. */
    private void record(Tenders.OpeningTerms tender, BidSubmissions.ValidBid bid, OpeningLine line, Instant started) {
        Instant now = clock.instant();
        int held = em.createNativeQuery("update opening set lease_until = :until where tender_id = :t"
                + " and lease_owner = :me and state = 'DECRYPTING'").setParameter("until", now.plus(lease))
                .setParameter("t", tender.id()).setParameter("me", INSTANCE).executeUpdate();
        if (held == 0 || em.find(OpeningLine.class, bid.id()) != null) {
            throw new IllegalStateException("The opening of tender " + tender.id() + " is no longer this instance's");
        }
        em.persist(line);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bid", bid.id().toString());
        data.put("bidder", bid.organisation());
        data.put("outcome", line.outcome.name());
        if (line.outcome == Outcome.OPENED) {
            data.put("price", line.price == null ? null : line.price.toPlainString());
            data.put("packageSha256", line.packageSha256);
        } else {
            data.put("reason", line.reason);
        }
        data.put("millis", Duration.between(started, now).toMillis());
        audit.record(system(tender), line.outcome == Outcome.OPENED ? "BidOpened"
                : line.outcome == Outcome.REVOKED ? "BidRevoked" : "BidWithdrawnAtOpening", Tenders.subject(tender.id()),
                data);
        Map<String, Object> shown = new LinkedHashMap<>(data);
        shown.remove("millis");
        shown.put("bidderName", organisations.name(bid.organisation()).orElse(bid.organisation()));
        shown.put("lot", bid.lot());
        shown.put("receivedAt", bid.receivedAt().toString());
        shown.put("declared", line.declared == null ? null : readTree(line.declared));
        event(tender.id(), line.outcome == Outcome.OPENED ? "bid-opened" : "bid-not-opened", shown, now);
    }

    /** Completes the record once every valid bid has its line; returns whether it is complete. */
    private boolean complete(UUID tenderId) {
        Opening opening = em.find(Opening.class, tenderId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (opening.state == Opening.State.RECORDED) {
            return true;
        }
        long lines = em.createQuery("select count(l) from OpeningLine l where l.tenderId = :t", Long.class)
                .setParameter("t", tenderId).getSingleResult();
        if (lines < opening.bids) {
            return false;
        }
        Instant now = clock.instant();
        opening.state = Opening.State.RECORDED;
        opening.recordedAt = now;
        opening.objectionsUntil = now.plus(objectionWindow);
        Tenders.OpeningTerms tender = tenders.openingTerms(tenderId).orElseThrow();
        Map<String, Object> outcomes = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select l.outcome, count(l) from OpeningLine l where l.tenderId = :t"
                + " group by l.outcome", Object[].class).setParameter("t", tenderId).getResultList()) {
            outcomes.put(((Outcome) row[0]).name(), row[1]);
        }
        em.flush(); // the record document reads the state just set
        opening.recordPdf = document.signed(records.view(opening));
        opening.recordSha256 = Hashes.sha256Hex(opening.recordPdf);
        audit.record(system(tender), "OpeningRecorded", Tenders.subject(tenderId), Map.of("lines", lines,
                "outcomes", outcomes, "objectionsUntil", opening.objectionsUntil.toString(),
                "recordSha256", opening.recordSha256));
        notices.post(tenderId, Notice.Kind.OPENING_RECORDED, "开标记录：" + tender.projectName(), now);
        event(tenderId, "record-complete", Map.of("lines", lines, "outcomes", outcomes,
                "objectionsUntil", opening.objectionsUntil.toString()), now);
        return true;
    }

    // --- Reading -----------------------------------------------------------------------------------------------

    public Optional<Opening> of(UUID tenderId) {
        return Optional.ofNullable(em.find(Opening.class, tenderId));
    }

    /** The lines of the record in the order of the bids' receipt. */
    public List<OpeningLine> lines(UUID tenderId) {
        Map<UUID, OpeningLine> lines = new LinkedHashMap<>();
        em.createQuery("from OpeningLine l where l.tenderId = :t", OpeningLine.class).setParameter("t", tenderId)
                .getResultList().forEach(l -> lines.put(l.bidId, l));
        return bids.valid(tenderId).stream().map(b -> lines.get(b.id())).filter(java.util.Objects::nonNull).toList();
    }

    public List<OpeningEvent> events(UUID tenderId, long afterSeq) {
        return em.createQuery("from OpeningEvent e where e.tenderId = :t and e.seq > :after order by e.seq",
                OpeningEvent.class).setParameter("t", tenderId).setParameter("after", afterSeq).getResultList();
    }

    void event(UUID tenderId, String kind, Map<String, ?> data, Instant at) {
        OpeningEvent event = new OpeningEvent();
        event.tenderId = tenderId;
        event.kind = kind;
        try {
            event.data = JSON.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        event.at = at;
        em.persist(event);
    }


    private static Object readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Actor system(Tenders.OpeningTerms tender) {
        return Actor.system(new OrgCode(tender.agentOrganisation()));
    }

    /** Passes the package on, keeping its first bytes: the manifest is read from them. */
    private static final class HeadCapture extends java.io.FilterOutputStream {
        private final byte[] head;
        private int length;

        HeadCapture(OutputStream out, int size) {
            super(out);
            head = new byte[size];
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int kept = Math.min(len, head.length - length);
            if (kept > 0) {
                System.arraycopy(b, off, head, length, kept);
                length += kept;
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(head, length);
        }
    }
}
