package org.tenderhall.identity.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

/**
 * Behind a proxy that ends TLS and whose headers the platform is told to trust, the browser's session is an https
 * one: its cookie is Secure, and its own pages' origin is the https one (or the configured public URL).
 */
@QuarkusTest
@TestProfile(BrowserSessionBehindProxyTest.BehindTlsProxy.class)
class BrowserSessionBehindProxyTest {

    public static class BehindTlsProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "tenderhall.http.public-url", PUBLIC);
        }
    }

    static final String PUBLIC = "https://bids.example.org";

    @Test
    void the_session_cookie_is_secure_when_the_proxy_says_the_browser_came_over_https() {
        given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .formParam("j_username", "agent").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check")
                .then().statusCode(302)
                .header("Set-Cookie", containsStringIgnoringCase("; Secure"))
                .header("Set-Cookie", containsStringIgnoringCase("HttpOnly"));
        given().redirects().follow(false)
                .formParam("j_username", "agent").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check")
                .then().statusCode(302)
                .header("Set-Cookie", not(containsStringIgnoringCase("; Secure")));
    }

    @Test
    void the_https_origin_the_proxy_reports_and_the_public_url_are_the_platforms_own() {
        String session = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .formParam("j_username", "agent").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check").then().statusCode(302).extract().cookie("quarkus-credential");
        // The proxy listens on https's own port: the browser's origin has no port, whatever the platform's is.

        String first = Tendering.draft("goods", Tendering.example("goods"));
        browser(session).header("Origin", "http://localhost").post("/api/tenders/" + first + "/publish")
                .then().statusCode(403);
        browser(session).header("Origin", "https://localhost").post("/api/tenders/" + first + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));

        String second = Tendering.draft("goods", Tendering.example("goods"));
        browser(session).header("Origin", PUBLIC).post("/api/tenders/" + second + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    private static RequestSpecification browser(String session) {
        return given().redirects().follow(false).cookie("quarkus-credential", session)
                .header("X-Forwarded-Proto", "https");
    }
}
