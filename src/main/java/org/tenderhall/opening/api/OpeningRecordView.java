package org.tenderhall.opening.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tenderhall.opening.domain.OpeningRecord;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningResponse;
import org.tenderhall.openingkey.domain.Custody;

/**
 * The opening record (开标记录) as the hall reads it: a line per valid bid in receipt order, with what was read
 * out, or why the bid did not open. {@code columns} names the declared figures of the tender's template. Made from
 * the domain {@link OpeningRecord}, as the signed document is; this view may change without changing that document.
 */
public record OpeningRecordView(UUID tenderId, String projectName, Custody custody, Opening.State state, int bids,
        Instant startedAt, Instant recordedAt, Instant objectionsUntil, List<Column> columns, List<Line> lines,
        List<Reply> replies) {

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

    public static OpeningRecordView of(OpeningRecord record) {
        return new OpeningRecordView(record.tenderId(), record.projectName(), record.custody(),
                Opening.State.valueOf(record.state().name()), record.bids(), record.startedAt(), record.recordedAt(),
                record.objectionsUntil(), record.columns().stream().map(c -> new Column(c.name(), c.label())).toList(),
                record.lines().stream().map(l -> new Line(l.line(), l.bidId(), l.bidder(), l.bidderName(), l.lot(),
                        l.receivedAt(), l.outcome(), l.reason(), l.price(), l.declared(), l.problems(), l.guarantee(),
                        l.packageSha256(), l.packageSize())).toList(),
                record.replies().stream().map(r -> new Reply(r.id(), r.bidder(), r.bidderName(),
                        OpeningResponse.Kind.valueOf(r.kind().name()), r.objection(), r.at(), r.answer(),
                        r.answeredAt())).toList());
    }
}
