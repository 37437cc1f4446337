package org.tenderhall.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An audit event as its command wrote it, not yet numbered: it commits with the command and takes no lock. The
 * {@link AuditSequencer} turns it into the {@link AuditEvent} with the log's next number, and deletes it.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

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
}
