package org.tenderhall.openingkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.tenderhall.openingkey.domain.Custody;

/** The custody a draft asks for its opening key; a draft without one is in the platform's scheduled custody. */
@Entity
@Table(name = "opening_custody")
public class OpeningCustody {

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Custody custody;

    /** Under dual control: how many of the custodians' shares open the key. */
    public Integer threshold;
}
