package org.tenderhall.pki.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** The newest CRL the platform holds from one issuing CA. */
@Entity
public class Crl {

    @Id
    public String issuer;

    @Column(name = "this_update", nullable = false)
    public Instant thisUpdate;

    @Column(name = "next_update")
    public Instant nextUpdate;

    @Column(name = "revoked_count", nullable = false)
    public int revokedCount;

    @Column(nullable = false)
    public String crl;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
