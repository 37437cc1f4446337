package org.tenderhall.tender.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.domain.TenderTransition;

/**
 * A tender: its template, its field values, and where it is in its life. The status changes only through
 * {@link #apply(TenderTransition)}, the one transition table.
 */
@Entity
@Table(name = "tender")
public class Tender {

    @Id
    public UUID id;

    @Column(name = "template_code", nullable = false)
    public String templateCode;

    @Column(name = "template_version", nullable = false)
    public int templateVersion;

    @Column(name = "agent_organisation", nullable = false, length = 18)
    public String agentOrganisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TenderStatus status;

    /** The values as JSON, as the agent gave them (validated). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "tender_values", nullable = false)
    public String values;

    @Column(name = "project_name", nullable = false)
    public String projectName;

    @Column(name = "bid_deadline", nullable = false)
    public Instant bidDeadline;

    @Column(name = "opening_time", nullable = false)
    public Instant openingTime;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Why it was cancelled; set by the cancellation only. */
    public String cancellation;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Tender draft(UUID id) {
        Tender tender = new Tender();
        tender.id = id;
        tender.status = TenderStatus.DRAFT;
        return tender;
    }

    public TenderStatus status() {
        return status;
    }

    /** Moves the tender on by the transition table, or throws {@code IllegalTransition}. */
    public void apply(TenderTransition transition) {
        status = transition.apply(status);
    }
}
