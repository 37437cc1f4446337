package org.tenderhall.opening.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tenderhall.openingkey.domain.Custody;

/**
 * The opening record (开标记录): a line per valid bid in receipt order, with what was read out, or why the bid did
 * not open; and the bidders' replies. The signed record document is made from it, and so is the API's view: the
 * view may change, the legal document changes only with this record. Its JSON form (component names and order) is
 * the document's attachment {@code opening-record.json}.
 *
 * @param columns the declared figures of the tender's template, in the template's order
 */
public record OpeningRecord(UUID tenderId, String projectName, Custody custody, Stage state, int bids,
        Instant startedAt, Instant recordedAt, Instant objectionsUntil, List<Column> columns, List<Line> lines,
        List<Reply> replies) {

    /** Where the opening stands: its bids being opened, or every bid with its line (the record complete). */
    public enum Stage {
        DECRYPTING, RECORDED
    }

    /** A declared figure of the template: its field name and its label in the document. */
    public record Column(String name, String label) {
    }

    /**
     * {@code price}: the declared price as a decimal string (exact); {@code guarantee}: the bid guarantee's status,
     * {@code NOT_CHECKED} until the guarantee capability exists.
     */
    public record Line(int line, UUID bidId, String bidder, String bidderName, String lot, Instant receivedAt,
            Outcome outcome, String reason, String price, JsonNode declared, JsonNode problems, String guarantee,
            String packageSha256, Long packageSize) {
    }

    /** A bidder's confirmation or objection, with the agent's answer to an objection. */
    public record Reply(UUID id, String bidder, String bidderName, ReplyKind kind, String objection, Instant at,
            String answer, Instant answeredAt) {
    }

    /** What a bidder replied to the record. */
    public enum ReplyKind {
        CONFIRMED, OBJECTED
    }
}
