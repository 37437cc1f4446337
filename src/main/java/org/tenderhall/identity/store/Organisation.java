package org.tenderhall.identity.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A registered organisation, identified by its unified social credit code. */
@Entity
public class Organisation {

    @Id
    @Column(length = 18)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}
