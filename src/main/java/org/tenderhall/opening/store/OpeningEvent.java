package org.tenderhall.opening.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something the opening hall shows: opening started, a bid opened and its price read out, completed. */
@Entity
@Table(name = "opening_event")
public class OpeningEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(nullable = false)
    public String kind;

    /** JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String data;

    @Column(nullable = false)
    public Instant at;
}
