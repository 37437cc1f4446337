package org.tenderhall.openingkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A custodian of a tender's opening key under dual control: an account, the certificate its share is encrypted
 * to at publication, and, at the opening, the share it handed in (kept wrapped under the platform KEK).
 */
@Entity
@Table(name = "opening_custodian")
@IdClass(OpeningCustodian.Key.class)
public class OpeningCustodian {

    public static class Key implements Serializable {
        public UUID tenderId;
        public int position;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.position == position && Objects.equals(key.tenderId, tenderId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenderId, position);
        }
    }

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    /** The index of its share, 1 to n. */
    @Id
    public int position;

    @Column(nullable = false)
    public String account;

    @Column(nullable = false, length = 18)
    public String organisation;

    /** PEM. */
    @Column(nullable = false)
    public String certificate;

    @Column(name = "share_envelope")
    public byte[] shareEnvelope;

    @Column(name = "share_sha256", length = 64)
    public String shareSha256;

    @Column(name = "handed_in_at")
    public Instant handedInAt;

    @Column(name = "share_wrapped")
    public byte[] shareWrapped;
}
