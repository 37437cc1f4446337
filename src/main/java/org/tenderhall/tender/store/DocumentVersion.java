package org.tenderhall.tender.store;

import java.time.Instant;
import java.util.UUID;

/** A published document version without its PDF bytes: what lists and amendments need. */
public record DocumentVersion(UUID tenderId, int version, Instant issuedAt, String sha256, String summary,
        String changes) {
}
