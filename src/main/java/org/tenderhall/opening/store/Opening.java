package org.tenderhall.opening.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.tenderhall.openingkey.domain.Custody;

/** The opening (开标) of one tender: decrypting until every valid bid has its line, then recorded. */
@Entity
@Table(name = "opening")
public class Opening {

    public enum State {
        /** Bids are being opened; the record grows a line per bid. */
        DECRYPTING,
        /** Every bid has its line: the record is complete, and bidders confirm it or object. */
        RECORDED
    }

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Custody custody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** The valid bids when the opening started. */
    @Column(nullable = false)
    public int bids;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "objections_until")
    public Instant objectionsUntil;

    /** The signed PDF/A of the complete record. */
    @Column(name = "record_pdf")
    public byte[] recordPdf;

    @Column(name = "record_sha256", length = 64)
    public String recordSha256;

    /** Bidder decrypts: bidders hand in their content keys until then; a bid without one is then revoked. */
    @Column(name = "decryption_until")
    public Instant decryptionUntil;

    /** PEM: the opening's one-time transport certificate (dual control, bidder decrypts). */
    @Column(name = "transport_certificate")
    public String transportCertificate;

    /** Its private key, wrapped under the platform KEK. */
    @Column(name = "transport_key")
    public byte[] transportKey;

    @Column(name = "lease_owner")
    public UUID leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;
}
