package org.tenderhall.bid.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A receipt: the signed content (canonical JSON), the platform's CMS signature and the TSA token. Its facts are
 * fixed in the transaction that commits what it receipts; the audit leaf (once the audit event is numbered), the
 * signature and the token are added after that commit (until then, and after a crash before them, the receipt is
 * pending).
 */
@Entity
@Table(name = "receipt")
public class Receipt {

    public enum Kind {
        SUBMITTED, WITHDRAWN
    }

    @Id
    public UUID id;

    @Column(name = "bid_id", nullable = false)
    public UUID bidId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    /** The audit entry of what it receipts, until the entry is numbered. */
    @Column(name = "audit_entry_id")
    public Long auditEntryId;

    /** The position of that event in the audit log: null until it is numbered and the receipt signed. */
    @Column(name = "audit_seq")
    public Long auditSeq;

    /** The signed content; while pending, without the audit leaf, which only the numbered event has. */
    @Column(nullable = false)
    public byte[] content;

    /** Null while pending. */
    @Column
    public byte[] signature;

    /** Null while pending. */
    @Column
    public byte[] timestamp;

    /** Whether it is signed and stamped: a receipt a bidder can show. */
    public boolean issued() {
        return signature != null && timestamp != null;
    }
}
