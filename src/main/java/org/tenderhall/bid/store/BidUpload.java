package org.tenderhall.bid.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A sealed bid on its way in: how many bytes the platform holds, and the outer signature sent with it. */
@Entity
@Table(name = "bid_upload")
public class BidUpload {

    public enum State {
        OPEN, COMMITTED, REJECTED, ABANDONED
    }

    @Id
    public UUID id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(nullable = false)
    public String lot;

    @Column(nullable = false, length = 18)
    public String organisation;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "declared_size", nullable = false)
    public long declaredSize;

    /** Bytes on disk and confirmed to the client. */
    @Column(nullable = false)
    public long received;

    @Column(nullable = false)
    public byte[] signature;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
