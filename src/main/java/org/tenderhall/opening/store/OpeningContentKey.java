package org.tenderhall.opening.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Bidder decrypts: the content key a bidder handed in for its bid, wrapped under the platform KEK. */
@Entity
@Table(name = "opening_content_key")
public class OpeningContentKey {

    @Id
    @Column(name = "bid_id")
    public UUID bidId;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(name = "key_wrapped", nullable = false)
    public byte[] keyWrapped;

    @Column(name = "handed_in_by", nullable = false)
    public String handedInBy;

    @Column(name = "handed_in_at", nullable = false)
    public Instant handedInAt;
}
