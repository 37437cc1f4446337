package org.tenderhall.opening.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A bidder's confirmation of the opening record, or its objection (异议) with the agent's answer. */
@Entity
@Table(name = "opening_response")
public class OpeningResponse {

    public enum Kind {
        CONFIRMED, OBJECTED
    }

    @Id
    public UUID id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(nullable = false, length = 18)
    public String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    public String text;

    @Column(name = "responded_by", nullable = false)
    public String respondedBy;

    @Column(name = "responded_at", nullable = false)
    public Instant respondedAt;

    public String answer;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
