package org.tenderhall.openingkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.tenderhall.openingkey.domain.Custody;

/**
 * A tender's opening key: the certificate bidders encrypt to, and the private key only wrapped under the
 * platform's key-encryption key (never in clear in the database).
 */
@Entity
@Table(name = "opening_key")
public class OpeningKey {

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    /** PEM. */
    @Column(nullable = false)
    public String certificate;

    @Column(name = "certificate_sha256", nullable = false, length = 64)
    public String certificateSha256;

    /** RFC 5649 AES key wrap of the PKCS#8 private key. */
    @Column(name = "wrapped_private_key", nullable = false)
    public byte[] wrappedPrivateKey;

    /** Names the key-encryption key that wrapped it, without revealing it (see {@code OpeningKeys.kekId}). */
    @Column(name = "kek_id", nullable = false)
    public String kekId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Custody custody = Custody.SCHEDULED;

    /** Under dual control: how many custodians' shares open it. */
    public Integer threshold;
}
