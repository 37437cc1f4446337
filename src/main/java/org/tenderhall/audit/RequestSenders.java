package org.tenderhall.audit;

import io.vertx.ext.web.RoutingContext;

/**
 * Who sent a request, as the refusal trail records it. Identity answers it (it knows both identity modes); the audit
 * log asks through this interface and so does not depend on identity, which records its own commands in the log.
 */
public interface RequestSenders {

    /** The user signed in when the request was answered: name, roles (sorted, comma-separated), organisation's code. */
    record Sender(String username, String roles, String organisation) {

        public static final Sender ANONYMOUS = new Sender("anonymous", "", "");
    }

    /** The sender of the request, or {@link Sender#ANONYMOUS} if nobody was signed in. */
    Sender of(RoutingContext context);
}
