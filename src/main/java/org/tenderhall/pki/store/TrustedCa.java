package org.tenderhall.pki.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A root certificate of a recognised CA; only enabled ones anchor certificate paths. */
@Entity
@Table(name = "trusted_ca")
public class TrustedCa {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(nullable = false)
    public String certificate;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;
}
