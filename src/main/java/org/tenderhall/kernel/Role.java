package org.tenderhall.kernel;

import java.util.Locale;
import java.util.Optional;

/** The platform's roles; the same names in both identity modes (Keycloak realm roles use them as they are). */
public enum Role {
    AGENT, BIDDER, EXPERT, GUARANTOR, SUPERVISOR, ADMIN;

    /** Role names for {@code @RolesAllowed}, which needs constants. */
    public static final class Names {
        public static final String AGENT = "agent";
        public static final String BIDDER = "bidder";
        public static final String EXPERT = "expert";
        public static final String GUARANTOR = "guarantor";
        public static final String SUPERVISOR = "supervisor";
        public static final String ADMIN = "admin";

        private Names() {
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
