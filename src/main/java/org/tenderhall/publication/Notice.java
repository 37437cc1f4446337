package org.tenderhall.publication;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A public notice about a tender. Written once, never changed. */
@Entity
@Table(name = "notice")
public class Notice {

    public enum Kind {
        /** 招标公告: the tender is published. */
        TENDER_PUBLISHED,
        /** 澄清/修改: a new version of the documents. */
        TENDER_AMENDED,
        /** 答疑: a clarification question answered. */
        CLARIFICATION_ANSWERED,
        /** 流标: too few bids at the deadline; the tender must be tendered again. */
        TENDER_FAILED,
        /** 开标记录: the bids were opened and the opening record is complete. */
        OPENING_RECORDED,
        /** 终止招标: the tender is cancelled, with its reason. */
        TENDER_CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String title;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
