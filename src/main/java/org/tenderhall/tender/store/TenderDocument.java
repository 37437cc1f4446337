package org.tenderhall.tender.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One published version of a tender's document: the signed PDF/A and its SHA-256. Never changed once written. */
@Entity
@Table(name = "tender_document")
@IdClass(TenderDocument.Key.class)
public class TenderDocument {

    public static class Key implements Serializable {
        public UUID tenderId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.tenderId, tenderId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenderId, version);
        }
    }

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    @Id
    public int version;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(nullable = false)
    public byte[] pdf;

    /** The amendment's summary; null for version 1. */
    public String summary;

    /** The amendment's changed fields as JSON: [{label, before, after}]. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String changes;
}
