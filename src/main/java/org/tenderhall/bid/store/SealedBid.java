package org.tenderhall.bid.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.tenderhall.bid.domain.BidStatus;
import org.tenderhall.bid.domain.BidTransition;

/**
 * A committed sealed bid: the envelope's SHA-256 and size (the file is in storage), the signer's certificate as
 * checked, the receipt time. A bidder's newest bid for a lot is the valid one; earlier ones are superseded. Its
 * status changes only by a transition of {@link BidTransition}.
 */
@Entity
@Table(name = "sealed_bid")
public class SealedBid {

    @Id
    public UUID id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(nullable = false)
    public String lot;

    @Column(nullable = false, length = 18)
    public String organisation;

    @Column(name = "upload_id", nullable = false)
    public UUID uploadId;

    @Column(name = "envelope_sha256", nullable = false, length = 64)
    public String envelopeSha256;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public byte[] signature;

    @Column(name = "signer_certificate", nullable = false)
    public String signerCertificate;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BidStatus status = BidStatus.VALID;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

    public BidStatus status() {
        return status;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    /** Carries out {@code transition}, or throws {@link BidTransition.IllegalTransition} and changes nothing. */
    public void apply(BidTransition transition, Instant at) {
        status = transition.apply(status);
        statusChangedAt = at;
    }
}
