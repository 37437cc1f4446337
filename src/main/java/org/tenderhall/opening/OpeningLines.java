package org.tenderhall.opening;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.BidSubmissions;
import org.tenderhall.bid.BidSubmissions.ValidBid;
import org.tenderhall.identity.OrganisationService;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.tender.TendersAtOpening;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;

/**
 * The lines of the opening record: each bid's line written once, with its audit event and its event in the hall,
 * by the instance that holds the opening's lease; and the lines read back in the order of the bids' receipt.
 */
@ApplicationScoped
public class OpeningLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    OpeningLeases leases;

    @Inject
    OpeningHall hall;

    @Inject
    BidSubmissions bids;

    @Inject
    OrganisationService organisations;

    /**
     * Writes a bid's line in its own transaction, if this instance still holds the opening's lease (renewing it)
     * and the bid has no line yet; {@code started} is when work on the bid began.
     */
    void write(OpeningTerms tender, ValidBid bid, OpeningLine line, Instant started) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.instant();
            if (!leases.renew(tender.id(), now) || em.find(OpeningLine.class, bid.id()) != null) {
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
            audit.record(Actor.system(new OrgCode(tender.agentOrganisation())), line.outcome == Outcome.OPENED
                    ? "BidOpened" : line.outcome == Outcome.REVOKED ? "BidRevoked" : "BidWithdrawnAtOpening",
                    TendersAtOpening.subject(tender.id()), data);
            Map<String, Object> shown = new LinkedHashMap<>(data);
            shown.remove("millis");
            shown.put("bidderName", organisations.name(bid.organisation()).orElse(bid.organisation()));
            shown.put("lot", bid.lot());
            shown.put("receivedAt", bid.receivedAt().toString());
            shown.put("declared", line.declared == null ? null : readTree(line.declared));
            hall.event(tender.id(), line.outcome == Outcome.OPENED ? "bid-opened" : "bid-not-opened", shown, now);
        });
    }

    /** The lines of the record in the order of the bids' receipt. */
    public List<OpeningLine> of(UUID tenderId) {
        Map<UUID, OpeningLine> lines = new LinkedHashMap<>();
        em.createQuery("from OpeningLine l where l.tenderId = :t", OpeningLine.class).setParameter("t", tenderId)
                .getResultList().forEach(l -> lines.put(l.bidId, l));
        return bids.valid(tenderId).stream().map(b -> lines.get(b.id())).filter(Objects::nonNull).toList();
    }

    private static Object readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
