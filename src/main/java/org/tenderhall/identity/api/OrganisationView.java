package org.tenderhall.identity.api;

import java.time.Instant;
import org.tenderhall.identity.store.Organisation;

/** An organisation as clients see it; {@code name} is null for one the platform has not registered. */
public record OrganisationView(String code, String name, Instant registeredAt) {

    static OrganisationView of(Organisation organisation) {
        return new OrganisationView(organisation.code, organisation.name, organisation.registeredAt);
    }
}
