package org.tenderhall.identity.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** An account of the embedded identity mode. One role per account; the password only as a bcrypt hash. */
@Entity
public class Account {

    @Id
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false, length = 18)
    public String organisation;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Browser sessions issued at or before this instant are refused; null while none has been ended. */
    @Column(name = "sessions_valid_after")
    public Instant sessionsValidAfter;
}
