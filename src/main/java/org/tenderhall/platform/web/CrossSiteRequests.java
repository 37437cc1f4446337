package org.tenderhall.platform.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/**
 * Refuses a state-changing request that a browser sends with the session cookie on behalf of another site (a
 * form posted from elsewhere carries the cookie too). Such a request must come from the platform's own pages:
 * its {@code Origin}, or failing that its {@code Referer}, names the origin the request was sent to (its own
 * scheme and host, which Quarkus takes from X-Forwarded-* only when proxy headers are configured) or
 * {@code tenderhall.http.public-url}. Requests with an {@code Authorization} header (Basic, Bearer) are API
 * clients: a browser never adds that header to a cross-site request without a CORS preflight, which the platform
 * does not grant, so they are left alone, as are requests without the session cookie.
 */
@Singleton
public class CrossSiteRequests {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @Inject
    HttpConfig config;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (SAFE.contains(request.method()) || request.getHeader("Authorization") != null
                || request.getCookie(cookieName) == null) {
            context.next();
            return;
        }
        String origin = request.getHeader("Origin");
        String claimed = originOf(origin == null || "null".equals(origin) ? request.getHeader("Referer") : origin);
        if (claimed != null && (claimed.equals(originOf(request.scheme() + "://" + request.host()))
                || config.publicUrl().map(url -> claimed.equals(originOf(url.toString()))).orElse(false))) {
            context.next();
            return;
        }
        // Answered, and recorded as a refusal, where every failure before a resource is (HttpFailureProblems).
        context.fail(403, new Rejection(ProblemType.CROSS_SITE_REQUEST, claimed == null
                ? "A request signed in by the session cookie must say where it comes from (Origin or Referer)."
                : "A request signed in by the session cookie must come from the platform's own pages, not " + claimed
                        + "."));
    }

    /** {@code scheme://host[:port]} of a URL as browsers write an origin, or null when it is not one. */
    static String originOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
