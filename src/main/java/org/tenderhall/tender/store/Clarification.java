package org.tenderhall.tender.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A bidder's question about a tender's documents and the agent's public answer. Who asked is never shown. */
@Entity
@Table(name = "clarification")
public class Clarification {

    @Id
    public UUID id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(name = "asked_by", nullable = false, length = 18)
    public String askedBy;

    @Column(nullable = false)
    public String question;

    @Column(name = "asked_at", nullable = false)
    public Instant askedAt;

    public String answer;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
