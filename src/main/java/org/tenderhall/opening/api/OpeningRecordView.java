package org.tenderhall.opening.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.opening.store.OpeningResponse;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.template.domain.FieldSpec;

/**
 * The opening record (开标记录) as the hall reads it: a line per valid bid in receipt order, with what was read
 * out, or why the bid did not open. {@code columns} names the declared figures of the tender's template.
 */
public record OpeningRecordView(UUID tenderId, String projectName, Custody custody, Opening.State state, int bids,
        Instant startedAt, Instant recordedAt, Instant objectionsUntil, List<Column> columns, List<Line> lines,
        List<Reply> replies) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Column(String name, String label) {
    }

    /**
     * {@code price}: the declared price as a decimal string (exact, unlike a JSON number); {@code guarantee}: the bid
     * guarantee's status, {@code NOT_CHECKED} until the guarantee capability exists.
     */
    public record Line(int line, UUID bidId, String bidder, String bidderName, String lot, Instant receivedAt,
            Outcome outcome, String reason, String price, JsonNode declared, JsonNode problems, String guarantee,
            String packageSha256, Long packageSize) {
    }

    /** A bidder's confirmation or objection, with the agent's answer to an objection. */
    public record Reply(UUID id, String bidder, String bidderName, OpeningResponse.Kind kind, String objection,
            Instant at, String answer, Instant answeredAt) {
        public static Reply of(OpeningResponse r, String bidderName) {
            return new Reply(r.id, r.organisation, bidderName, r.kind, r.text, r.respondedAt, r.answer, r.answeredAt);
        }
    }

    /** What the opening needs of each bid besides its line. */
    public record Bid(String organisation, String organisationName, String lot, Instant receivedAt) {
    }

    public static OpeningRecordView of(String projectName, Opening opening, List<FieldSpec> manifest,
            List<OpeningLine> lines, Map<UUID, Bid> bids, List<OpeningResponse> responses) {
        List<Line> shown = new ArrayList<>();
        for (OpeningLine l : lines) {
            Bid bid = bids.get(l.bidId);
            String price = l.price == null ? null : l.price.toPlainString();
            shown.add(new Line(shown.size() + 1, l.bidId, bid.organisation(), bid.organisationName(), bid.lot(),
                    bid.receivedAt(), l.outcome, l.reason, price, json(l.declared), json(l.problems), "NOT_CHECKED",
                    l.packageSha256, l.packageSize));
        }
        return new OpeningRecordView(opening.tenderId, projectName, opening.custody, opening.state, opening.bids,
                opening.startedAt, opening.recordedAt, opening.objectionsUntil,
                manifest.stream().map(f -> new Column(f.name(), f.label())).toList(), shown,
                responses.stream().map(r -> Reply.of(r, bids.values().stream().filter(b -> b.organisation()
                        .equals(r.organisation)).map(Bid::organisationName).findFirst().orElse(r.organisation))).toList());
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
