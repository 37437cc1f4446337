package org.tenderhall.identity.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.tenderhall.identity.DemoData;

/** Browsers sign in with the login form and then call the same API with their session cookie. */
@QuarkusTest
class LoginFormTest {

    @Test
    void a_browser_signs_in_with_the_form_and_its_session_reaches_the_api() {
        Response login = given().redirects().follow(false)
                .formParam("j_username", "supervisor").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check");
        login.then().statusCode(302).header("Location", containsString("/"));
        String session = login.getCookie("quarkus-credential");

        given().cookie("quarkus-credential", session).get("/api/me")
                .then().statusCode(200).body("username", equalTo("supervisor"));
    }

    @Test
    void a_wrong_password_on_the_form_goes_back_to_the_form_with_an_error() {
        given().redirects().follow(false)
                .formParam("j_username", "supervisor").formParam("j_password", "wrong")
                .post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("/login.html?error"));
    }

    @Test
    void signing_out_expires_the_session_cookie() {
        given().redirects().follow(false).post("/logout")
                .then().statusCode(303)
                .header("Set-Cookie", containsString("quarkus-credential=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void the_login_page_and_the_start_page_are_served() {
        given().get("/login.html").then().statusCode(200).body(containsString("j_security_check"));
        given().get("/").then().statusCode(200).body(containsString("/index.js"));
        given().get("/index.js").then().statusCode(200).body(containsString("/api/me"));
    }
}
