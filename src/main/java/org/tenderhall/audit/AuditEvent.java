package org.tenderhall.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One appended audit event. Never updated: the database refuses it. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    public long seq;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public String role;

    @Column(nullable = false, updatable = false)
    public String organisation;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "request_id", nullable = false, updatable = false)
    public String requestId;

    @Column(nullable = false, updatable = false)
    public String data;

    @Column(name = "data_sha256", nullable = false, updatable = false)
    public String dataSha256;

    @Column(nullable = false, updatable = false)
    public String canonical;

    @Column(name = "leaf_hash", nullable = false, updatable = false)
    public byte[] leafHash;

    /** The entry its command wrote, which this event numbered (null for events from before numbering moved). */
    @Column(name = "entry_id", updatable = false)
    public Long entryId;

    /** The event of {@code entry} at position {@code seq} of the log, with its canonical bytes and leaf hash. */
    static AuditEvent numbered(AuditEntry entry, long seq) {
        AuditEvent event = new AuditEvent();
        event.seq = seq;
        event.entryId = entry.id;
        event.recordedAt = entry.recordedAt;
        event.actor = entry.actor;
        event.role = entry.role;
        event.organisation = entry.organisation;
        event.action = entry.action;
        event.subject = entry.subject;
        event.requestId = entry.requestId;
        event.data = entry.data;
        event.dataSha256 = entry.dataSha256;
        event.canonical = AuditLeaf.canonicalEvent(seq, entry.recordedAt, entry.actor, entry.role, entry.organisation,
                entry.action, entry.subject, entry.requestId, entry.dataSha256);
        event.leafHash = AuditLeaf.leafHash(event.canonical);
        return event;
    }
}
