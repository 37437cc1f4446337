package org.tenderhall.platform.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Headers every response carries: no content-type sniffing, no framing by another site. Pages (HTML) also get
 * a content security policy that lets them load only the platform's own scripts, styles and images. The Swagger
 * UI under {@code /q/swagger-ui} is the one page that needs inline script and style (its generated start-up
 * script), so its policy allows them there and nowhere else.
 */
@Singleton
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(SecurityHeaders::add);
    }

    private static void add(RoutingContext context) {
        context.response().putHeader("X-Content-Type-Options", "nosniff");
        context.response().putHeader("X-Frame-Options", "DENY");
        String path = context.normalizedPath();
        context.addHeadersEndHandler(ignored -> {
            String type = context.response().headers().get("Content-Type");
            if (type != null && type.regionMatches(true, 0, "text/html", 0, 9)) {
                context.response().putHeader("Content-Security-Policy",
                        path.startsWith("/q/swagger-ui") ? SWAGGER_UI_POLICY : PAGE_POLICY);
            }
        });
        context.next();
    }
}
