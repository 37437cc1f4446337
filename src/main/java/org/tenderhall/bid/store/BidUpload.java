package org.tenderhall.bid.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.tenderhall.bid.domain.UploadState;
import org.tenderhall.bid.domain.UploadTransition;

/**
 * A sealed bid on its way in: how many bytes the platform holds, and the outer signature sent with it. Its state
 * changes only by a transition of {@link UploadTransition}.
 */
@Entity
@Table(name = "bid_upload")
public class BidUpload {

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
    private UploadState state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A new upload: open, nothing received yet. */
    public static BidUpload open(UUID id, Instant at) {
        BidUpload upload = new BidUpload();
        upload.id = id;
        upload.received = 0;
        upload.state = UploadState.OPEN;
        upload.createdAt = at;
        upload.updatedAt = at;
        return upload;
    }

    public UploadState state() {
        return state;
    }

    /** Carries out {@code transition}, or throws {@link UploadTransition.IllegalTransition} and changes nothing. */
    public void apply(UploadTransition transition, Instant at) {
        state = transition.apply(state);
        updatedAt = at;
    }
}
