package org.tenderhall.identity.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tenderhall.identity.DemoData;
import org.tenderhall.tender.Tendering;

/** A browser's session cookie: out of scripts' reach, only for the platform's own pages, ended for good. */
@QuarkusTest
class BrowserSessionTest {

    private static final String COOKIE = "quarkus-credential";
    private static final String FOREIGN = "https://bids.attacker.example";

    private static String signIn(String username, String password) {
        return given().redirects().follow(false).header("Origin", own())
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).extract().cookie(COOKIE);
    }

    private static String own() {
        return "http://localhost:" + RestAssured.port;
    }

    private static RequestSpecification browser(String session) {
        return given().redirects().follow(false).cookie(COOKIE, session);
    }

    @Test
    void the_session_cookie_is_out_of_scripts_reach() {
        given().redirects().follow(false).formParam("j_username", "agent").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check")
                .then().statusCode(302)
                .header("Set-Cookie", containsString(COOKIE + "="))
                .header("Set-Cookie", containsStringIgnoringCase("HttpOnly"));
    }

    @Test
    void a_form_post_from_another_site_with_the_agents_cookie_does_not_publish_a_draft() {
        String session = signIn("agent", DemoData.PASSWORD);
        String id = Tendering.draft("goods", Tendering.example("goods"));

        browser(session).header("Origin", FOREIGN).post("/api/tenders/" + id + "/publish")
                .then().statusCode(403)
                .body("type", equalTo("https://tenderhall.org/problems/cross-site-request"))
                .body("detail", containsString(FOREIGN));
        browser(session).header("Referer", FOREIGN + "/prize.html").post("/api/tenders/" + id + "/publish")
                .then().statusCode(403);
        browser(session).post("/api/tenders/" + id + "/publish")
                .then().statusCode(403)
                .body("type", equalTo("https://tenderhall.org/problems/cross-site-request"));
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("DRAFT"));

        browser(session).header("Origin", own()).post("/api/tenders/" + id + "/publish").then().statusCode(200);
    }

    @Test
    void the_platforms_own_page_may_say_where_it_comes_from_by_its_referer() {
        String session = signIn("agent", DemoData.PASSWORD);
        String id = Tendering.draft("goods", Tendering.example("goods"));
        browser(session).header("Referer", own() + "/index.html").post("/api/tenders/" + id + "/publish")
                .then().statusCode(200);
    }

    @Test
    void api_clients_with_basic_credentials_are_not_asked_where_they_come_from() {
        String id = Tendering.draft("goods", Tendering.example("goods"));
        as("agent").header("Origin", FOREIGN).post("/api/tenders/" + id + "/publish").then().statusCode(200);
    }

    @Test
    void a_copied_cookie_stops_working_when_its_browser_signs_out() {
        String session = signIn("supervisor", DemoData.PASSWORD);
        browser(session).get("/api/me").then().statusCode(200);

        browser(session).header("Origin", own()).post("/logout").then().statusCode(303);

        browser(session).get("/api/me").then().statusCode(401);
        String again = signIn("supervisor", DemoData.PASSWORD);
        browser(again).get("/api/me").then().statusCode(200).body("username", equalTo("supervisor"));
    }

    @Test
    void a_copied_cookie_stops_working_when_the_password_is_reset() {
        String username = "session-" + UUID.randomUUID().toString().substring(0, 8);
        as("admin").body("{\"username\":\"" + username + "\",\"displayName\":\"Test User\",\"password\":"
                        + "\"first-password\",\"role\":\"agent\",\"organisation\":\"" + DemoData.AGENCY.code().value()
                        + "\"}")
                .post("/api/accounts").then().statusCode(201);
        String session = signIn(username, "first-password");
        browser(session).get("/api/me").then().statusCode(200);

        as("admin").body("{\"password\":\"second-password\"}").post("/api/accounts/" + username + "/password")
                .then().statusCode(200);

        browser(session).get("/api/me").then().statusCode(401);
        browser(signIn(username, "second-password")).get("/api/me").then().statusCode(200);
    }

    @Test
    void every_response_forbids_sniffing_and_framing_and_pages_get_a_content_security_policy() {
        given().get("/api/notices").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        given().get("/api/tenders/" + UUID.randomUUID()).then()
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        given().get("/login.html").then().statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(not(containsString("<script>")));
        given().get("/login.js").then().statusCode(200).body(containsString("error"));
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(not(containsString("<script>")));
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
    }
}
