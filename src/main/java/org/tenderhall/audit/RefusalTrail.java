package org.tenderhall.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.tenderhall.platform.problem.ProblemAnswered;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.SignInFailure;
import org.tenderhall.platform.web.RequestIds;

/**
 * The one place refusals enter the audit log, whatever capability refused and whatever the problem type: every
 * command (a request to {@code /api} other than GET, HEAD or OPTIONS) answered with a 4xx problem is recorded as
 * {@code CommandRefused}; a signed-in user's read refused with 403 or 404 (an attempt on another organisation's
 * bid, receipt or tender) as {@code ReadRefused}; and every failed sign-in, on any request, as {@code SignInFailed}. Each in a
 * transaction of its own, committed before the client has the answer; the command's own has rolled back.
 *
 * <p>A command that records its refusal itself, with more to say ({@code OpeningRefused}, {@code BidRejected}…),
 * does it through {@link AuditLog#recordRefusal}, and this trail then adds nothing: one event per refusal.
 */
@ApplicationScoped
public class RefusalTrail {

    private static final Logger LOG = Logger.getLogger(RefusalTrail.class);
    private static final String RECORDED = "tenderhall.refusal-recorded";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int MAX_TEXT = 200;

    @Inject
    AuditLog audit;

    @Inject
    RequestSenders senders;

    /** Marks the request's refusal as on record already. */
    static void alreadyRecorded(RoutingContext context) {
        if (context != null) {
            context.put(RECORDED, Boolean.TRUE);
        }
    }

    void record(@Observes ProblemAnswered answered) {
        RoutingContext context = answered.context();
        if (context.get(RECORDED) != null) {
            return;
        }
        String method = context.request().method().name();
        String path = context.normalizedPath();
        Optional<SignInFailure> signIn = SignInFailure.of(context);
        boolean refused = answered.status() >= 400 && answered.status() < 500 && answered.problem() != null
                && (path.equals("/api") || path.startsWith("/api/"));
        boolean command = refused && !READS.contains(method);
        String[] actor = actor(context);
        // A signed-in user refused a thing (403, or 404 for what is another organisation's): an attempt on it. A
        // 409 to a read is where a procedure stands (an opening not started yet) and is polled: not recorded.
        boolean deniedRead = refused && READS.contains(method) && !"anonymous".equals(actor[0])
                && (answered.status() == 403 || answered.status() == 404);
        if (signIn.isEmpty() && !command && !deniedRead) {
            return;
        }
        String requestId = RequestIds.of(context);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request", answered.route() != null ? answered.route() : method + " " + bounded(path));
        data.put("path", bounded(path));
        data.put("address", context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress());
        data.put("status", answered.status());
        try {
            if (signIn.isPresent()) {
                String claimed = bounded(signIn.get().claimedUser());
                data.put("problem", signIn.get().type().slug());
                QuarkusTransaction.requiringNew().run(() -> audit.append(claimed, "", "", "SignInFailed",
                        "account:" + claimed, requestId, data));
            } else {
                data.put("problem", answered.problem().type().toString().substring(ProblemType.BASE.length()));
                QuarkusTransaction.requiringNew().run(() -> audit.append(actor[0], actor[1], actor[2],
                        command ? "CommandRefused" : "ReadRefused", subject(answered.route(), path), requestId, data));
            }
            context.put(RECORDED, Boolean.TRUE);
        } catch (RuntimeException e) {
            // The refusal is answered all the same; the log says what the trail lacks.
            LOG.errorf(e, "The refusal of request %s (%s) could not be recorded in the audit log", requestId, data);
        }
    }

    /** Name, roles and organisation of the user signed in when the command was refused; "anonymous" if none. */
    private String[] actor(RoutingContext context) {
        RequestSenders.Sender sender = senders.of(context);
        return new String[] {bounded(sender.username()), sender.roles(), bounded(sender.organisation())};
    }

    /**
     * The ids of the path, each named by the path segment before it, the outermost first: {@code tender:<id>}
     * for {@code /api/tenders/{id}/cancel}, {@code tender:<id>/clarification:<cid>} for an answer. A path with no
     * ids (or that matched no resource) is its own subject.
     */
    static String subject(String route, String path) {
        if (route == null) {
            return bounded(path);
        }
        String[] template = route.substring(route.indexOf(' ') + 1).split("/");
        String[] actual = path.split("/");
        if (template.length != actual.length) {
            return bounded(path);
        }
        StringBuilder subject = new StringBuilder();
        for (int i = 1; i < template.length; i++) {
            if (template[i].startsWith("{")) {
                String kind = template[i - 1].endsWith("s") ? template[i - 1].substring(0, template[i - 1].length() - 1)
                        : template[i - 1];
                subject.append(subject.isEmpty() ? "" : "/").append(kind).append(':').append(actual[i]);
            }
        }
        return subject.isEmpty() ? bounded(path) : bounded(subject.toString());
    }

    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
