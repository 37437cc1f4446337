package org.tenderhall.platform.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What one account or one address can hold of the platform with commands (unsafe methods under {@code /api}):
 * <ul>
 * <li>at most {@code per-account} requests in progress for one account at one address, and {@code per-address}
 * for one address; more are refused at once with {@code 429} and {@code Retry-After}. The account is the one the
 * request claims (Basic user name, session cookie, bearer token) before anyone has checked it, so it is always
 * counted together with the address: wrong credentials sent from elsewhere cannot use up someone else's share;</li>
 * <li>a command's body (every body but a sealed bid's stream) is read here, on the event loop, up to
 * {@code tenderhall.http.max-command-size}, before the request goes on to a resource: no worker thread waits
 * while its bytes trickle in;</li>
 * <li>a body that stalls (no byte for {@code quarkus.http.read-timeout}) is dropped with its connection. A sealed
 * bid's stream is read by a worker thread, which Quarkus gives up after the same time without a byte; bytes that
 * keep coming, however slowly, keep a request alive.</li>
 * </ul>
 */
@Singleton
public class CommandBounds {

    /** How long the rest of an oversized body is read and discarded before its connection closes. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** The paths that stream a sealed bid: the resumable upload's PATCH and the one-shot bid POST. */
    public static final Pattern BID_STREAM = Pattern.compile("/api/bids/uploads/[^/]+|/api/tenders/[^/]+/bids");

    @Inject
    HttpConfig config;

    @ConfigProperty(name = "quarkus.http.read-timeout")
    Duration readTimeout;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String sessionCookie;

    final InFlight inFlight = new InFlight();

    void install(@Observes Router router) {
        // After the request id and the refusal of a declared oversized body (HttpFailureProblems), before anything else.
        router.route().order(Integer.MIN_VALUE + 2).handler(this::bound);
    }

    private void bound(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = context.normalizedPath();
        if (SAFE.contains(request.method()) || !path.startsWith("/api/")) {
            context.next();
            return;
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String account = claimedAccount(request) + " at " + address;
        if (!inFlight.enter(address, config.inFlight().perAddress())) {
            refuse(context);
            return;
        }
        if (!inFlight.enter(account, config.inFlight().perAccount())) {
            inFlight.leave(address);
            refuse(context);
            return;
        }
        AtomicBoolean left = new AtomicBoolean();
        context.addEndHandler(ended -> {
            if (left.compareAndSet(false, true)) {
                inFlight.leave(account);
                inFlight.leave(address);
            }
        });
        boolean bidStream = (request.method() == HttpMethod.PATCH || request.method() == HttpMethod.POST)
                && BID_STREAM.matcher(path).matches();
        if (bidStream) {
            context.next();
        } else {
            readCommandBody(context);
        }
    }

    private void refuse(RoutingContext context) {
        // The body, if any, is not read: the connection closes once the refusal is written.
        HttpServerRequest request = context.request();
        context.response()
                .putHeader("Retry-After", String.valueOf(Math.max(1, config.inFlight().retryAfter().toSeconds())))
                .putHeader("Connection", "close")
                .bodyEndHandler(written -> request.connection().close());
        context.fail(429);
    }

    /** Reads the whole body on the event loop, then hands the request on with it (quarkus-rest reads it there). */
    private void readCommandBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            context.setBody(Buffer.buffer());
            context.next();
            return;
        }
        long limit = config.maxCommandSize().asLongValue();
        long timeout = Math.max(1, readTimeout.toMillis());
        Buffer body = Buffer.buffer();
        var vertx = context.vertx();
        long[] stall = {vertx.setTimer(timeout, id -> drop(request))};
        boolean[] over = {false};
        request.handler(piece -> {
            if (over[0]) {
                return;
            }
            vertx.cancelTimer(stall[0]);
            if (body.length() + (long) piece.length() > limit) {
                over[0] = true;
                // The client may still be sending: what it sends for a moment longer is read and discarded, so that
                // closing does not reset the connection before the client has read the refusal.
                context.response().putHeader("Connection", "close")
                        .bodyEndHandler(written -> vertx.setTimer(LINGER.toMillis(), id -> request.connection().close()));
                context.fail(413);
                return;
            }
            body.appendBuffer(piece);
            stall[0] = vertx.setTimer(timeout, id -> drop(request));
        });
        request.exceptionHandler(failure -> vertx.cancelTimer(stall[0]));
        request.endHandler(end -> {
            vertx.cancelTimer(stall[0]);
            if (!over[0]) {
                context.setBody(body);
                context.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    /** A body that stalled: nobody is waiting for it, so it goes with its connection. */
    private static void drop(HttpServerRequest request) {
        request.connection().close();
    }

    /** The account a request says it is for, unchecked: a Basic user name, a session cookie, a bearer token. */
    String claimedAccount(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return "user " + (colon < 0 ? pair : pair.substring(0, colon));
            } catch (IllegalArgumentException e) {
                return "malformed credentials";
            }
        }
        if (authorization != null) {
            return "token " + digest(authorization);
        }
        Cookie session = request.getCookie(sessionCookie);
        return session == null ? "anonymous" : "session " + digest(session.getValue());
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
