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
}
