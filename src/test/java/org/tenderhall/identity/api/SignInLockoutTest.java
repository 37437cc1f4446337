package org.tenderhall.identity.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.identity.DemoData;

/** Ten failed sign-ins to an account within fifteen minutes lock it: even its correct password is refused. */
@QuarkusTest
class SignInLockoutTest {

    @Inject
    AuditLog audit;

    @Test
    void after_ten_failed_sign_ins_even_the_correct_password_is_refused_with_429_and_retry_after_and_recorded() {
        String username = "lockout-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "the-right-password";
        Api.as("admin").body("{\"username\":\"" + username + "\",\"displayName\":\"Locked\",\"password\":\"" + password
                + "\",\"role\":\"bidder\",\"organisation\":\"" + DemoData.BIDDER_4.code().value() + "\"}")
                .post("/api/accounts").then().statusCode(201);
        given().auth().preemptive().basic(username, password).get("/api/me").then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            given().auth().preemptive().basic(username, "guess-" + i).get("/api/me").then().statusCode(401);
        }

        String requestId = "lockout-" + UUID.randomUUID();
        Response refused = given().header("X-Request-Id", requestId).auth().preemptive().basic(username, password)
                .get("/api/me");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://tenderhall.org/problems/too-many-sign-in-attempts"));
        assertThat(refused.getHeader("WWW-Authenticate")).isNull();
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 15 * 60);

        List<AuditEvent> events = audit.forRequest(requestId);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.action).isEqualTo("SignInFailed");
            assertThat(event.actor).isEqualTo(username);
            assertThat(event.data).contains("\"problem\":\"too-many-sign-in-attempts\"", "\"status\":429");
        });
        // Other accounts from the same address are not locked (the test profile lifts the address limit).
        Api.as("bidder4").get("/api/me").then().statusCode(200);
    }
}
