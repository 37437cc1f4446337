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

/** A bidder organisation obtained a tender's documents. Private until the opening. */
@Entity
@Table(name = "tender_registration")
@IdClass(Registration.Key.class)
public class Registration {

    public static class Key implements Serializable {
        public UUID tenderId;
        public String organisation;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.tenderId, tenderId) && Objects.equals(k.organisation, organisation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenderId, organisation);
        }
    }

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    @Id
    @Column(length = 18)
    public String organisation;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}
