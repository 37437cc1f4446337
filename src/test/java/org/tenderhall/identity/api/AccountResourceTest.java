package org.tenderhall.identity.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.identity.DemoData;

@QuarkusTest
class AccountResourceTest {

    @Inject
    AuditLog audit;

    private static String freshUsername() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String newAccount(String username, String password, String role, String organisation) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"Test User\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\",\"organisation\":\"" + organisation + "\"}";
    }

    @Test
    void an_admin_creates_an_account_that_can_sign_in_and_the_log_records_it_without_the_password() {
        String username = freshUsername();
        as("admin").body(newAccount(username, "s3cret-pass", "bidder", DemoData.BIDDER_2.code().value()))
                .post("/api/accounts")
                .then().statusCode(201)
                .body("username", equalTo(username))
                .body("role", equalTo("bidder"))
                .body("enabled", equalTo(true))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));

        given().auth().preemptive().basic(username, "s3cret-pass").get("/api/me")
                .then().statusCode(200)
                .body("organisation.code", equalTo(DemoData.BIDDER_2.code().value()));

        AuditEvent created = audit.forSubject("account:" + username).get(0);
        assertThat(created.action).isEqualTo("AccountCreated");
        assertThat(created.data).contains("\"role\":\"bidder\"").doesNotContain("s3cret-pass");
    }

    @Test
    void a_disabled_account_is_refused_at_once_and_an_enabled_one_is_let_back_in() {
        String username = freshUsername();
        as("admin").body(newAccount(username, "s3cret-pass", "expert", DemoData.UNIVERSITY.code().value()))
                .post("/api/accounts").then().statusCode(201);
        given().auth().preemptive().basic(username, "s3cret-pass").get("/api/me").then().statusCode(200);

        as("admin").post("/api/accounts/" + username + "/disable").then().statusCode(200).body("enabled", equalTo(false));
        given().auth().preemptive().basic(username, "s3cret-pass").get("/api/me").then().statusCode(401);

        as("admin").post("/api/accounts/" + username + "/enable").then().statusCode(200).body("enabled", equalTo(true));
        given().auth().preemptive().basic(username, "s3cret-pass").get("/api/me").then().statusCode(200);

        assertThat(audit.forSubject("account:" + username)).extracting(e -> e.action)
                .containsExactly("AccountCreated", "AccountDisabled", "SignInFailed", "AccountEnabled");
    }

    @Test
    void a_password_reset_replaces_the_old_password_at_once() {
        String username = freshUsername();
        as("admin").body(newAccount(username, "first-password", "agent", DemoData.AGENCY.code().value()))
                .post("/api/accounts").then().statusCode(201);
        given().auth().preemptive().basic(username, "first-password").get("/api/me").then().statusCode(200);

        as("admin").body("{\"password\":\"second-password\"}").post("/api/accounts/" + username + "/password")
                .then().statusCode(200);
        given().auth().preemptive().basic(username, "first-password").get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic(username, "second-password").get("/api/me").then().statusCode(200);
        assertThat(audit.forSubject("account:" + username)).extracting(e -> e.action)
                .containsExactly("AccountCreated", "AccountPasswordReset", "SignInFailed");
    }

    @Test
    void a_taken_username_is_a_409() {
        as("admin").body(newAccount("agent", "s3cret-pass", "agent", DemoData.AGENCY.code().value()))
                .post("/api/accounts")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/account-exists"));
    }

    @Test
    void an_unregistered_organisation_is_a_422_on_the_organisation_field() {
        as("admin").body(newAccount(freshUsername(), "s3cret-pass", "bidder", Api.freshCreditCode()))
                .post("/api/accounts")
                .then().statusCode(422)
                .body("type", equalTo("https://tenderhall.org/problems/unknown-organisation"))
                .body("errors[0].field", equalTo("organisation"));
    }

    @Test
    void an_unknown_role_a_short_password_and_a_bad_username_are_each_named() {
        as("admin").body(newAccount("X", "short", "mayor", DemoData.AGENCY.code().value()))
                .post("/api/accounts")
                .then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("password", "role", "username"));
    }

    @Test
    void the_name_system_is_reserved_for_the_platform() {
        as("admin").body(newAccount("system", "s3cret-pass", "admin", DemoData.OPERATOR.code().value()))
                .post("/api/accounts")
                .then().statusCode(422).body("errors[0].field", equalTo("username"));
    }

    @Test
    void a_password_longer_than_bcrypt_uses_is_refused_not_cut() {
        // 25 Chinese characters are 75 bytes in UTF-8: within @Size(max = 72) characters, over bcrypt's 72 bytes.
        as("admin").body(newAccount(freshUsername(), "密".repeat(25), "bidder", DemoData.BIDDER_1.code().value()))
                .post("/api/accounts")
                .then().statusCode(422).body("errors[0].field", equalTo("password"));
    }

    @Test
    void an_unknown_account_is_a_404() {
        as("admin").post("/api/accounts/nobody-here/disable").then().statusCode(404);
    }

    @Test
    void only_an_admin_manages_accounts() {
        as("supervisor").get("/api/accounts").then().statusCode(403);
        as("agent").body(newAccount(freshUsername(), "s3cret-pass", "agent", DemoData.AGENCY.code().value()))
                .post("/api/accounts").then().statusCode(403);
    }
}
