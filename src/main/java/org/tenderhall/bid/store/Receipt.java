package org.tenderhall.bid.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A receipt as issued: the signed content (canonical JSON), the platform's CMS signature and the TSA token. */
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

    @Column(name = "audit_seq", nullable = false)
    public long auditSeq;

    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public byte[] signature;

    @Column(nullable = false)
    public byte[] timestamp;
}
