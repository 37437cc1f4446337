package org.tenderhall.tender;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.kernel.Actor;
import org.tenderhall.tender.domain.TenderStatus;

/**
 * What the opening may ask of a tender and do to it, and nothing more: read its terms, find those whose opening
 * time has come, and carry out the transitions that happen at the opening (close bidding when the deadline
 * scheduler has not yet, start the opening, fail for too few bids). {@link Tenders} implements it; the opening
 * knows the tender capability through this interface alone.
 */
public interface TendersAtOpening {

    /** What the opening needs to know of a tender. */
    record OpeningTerms(UUID id, TenderStatus status, String agentOrganisation, String projectName,
            String templateCode, Instant bidDeadline, Instant openingTime) {
    }

    /** The opening terms of a tender that has been published; empty for one never published or not existing. */
    Optional<OpeningTerms> openingTerms(UUID id);

    /** The same, holding the tender row until the transaction ends: nothing else moves it meanwhile. */
    Optional<OpeningTerms> openingTermsLocked(UUID id);

    /**
     * The published or closed tenders whose opening time has come, locked until the transaction ends; those
     * another transaction holds are skipped, so that several instances share the work.
     */
    List<OpeningTerms> dueForOpeningLocked(Instant now, int limit);

    /** Closes bidding at the deadline, when the opening comes before the deadline scheduler. */
    void closeBidding(Actor actor, UUID id, Instant now);

    /** The opening has started (开标): the opening capability records the rest. */
    void startOpening(UUID id, Instant now);

    /** The tender fails (流标), for the reason given, with the facts that decided it. */
    void fail(Actor actor, UUID id, String reason, Map<String, ?> facts, Instant now);

    /** The subject under which the audit trail records what happens to a tender. */
    static String subject(UUID id) {
        return "tender:" + id;
    }
}
