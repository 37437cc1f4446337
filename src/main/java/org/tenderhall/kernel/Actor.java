package org.tenderhall.kernel;

import java.util.Objects;

/** Who carries out a command: a user acting in one of their roles, for their organisation. */
public record Actor(String username, Role role, OrgCode organisation) {

    /** The platform itself, for work nobody asked for in a request (start-up seeding, scheduled jobs). */
    public static final String SYSTEM = "system";

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(organisation, "organisation");
    }

    public static Actor system(OrgCode platformOperator) {
        return new Actor(SYSTEM, Role.ADMIN, platformOperator);
    }
}
