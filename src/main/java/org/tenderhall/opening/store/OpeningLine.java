package org.tenderhall.opening.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tenderhall.opening.domain.Outcome;

/**
 * One line of the opening record (开标记录): a valid bid, what the opening read from it or why it could not. The
 * package is a file encrypted at rest ({@code PackageVault}); {@code packageKey} is its data key, wrapped.
 */
@Entity
@Table(name = "opening_line")
public class OpeningLine {

    @Id
    @Column(name = "bid_id")
    public UUID bidId;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    public String reason;

    public BigDecimal price;

    /** JSON: every declared figure, as the bidder wrote it. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String declared;

    /** JSON array of text: what is wrong with the declared figures. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String problems;

    @Column(name = "package_sha256", length = 64)
    public String packageSha256;

    @Column(name = "package_size")
    public Long packageSize;

    /** The encrypted package's file name in the vault. */
    @Column(name = "package_file")
    public String packageFile;

    @Column(name = "package_key")
    public byte[] packageKey;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
}
