package org.tenderhall.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;

/**
 * The oidc identity mode: the same endpoints and roles, with the organisation from a token claim, and the
 * embedded accounts switched off. The token itself is simulated with {@code @TestSecurity}; a real Keycloak
 * comes with the issue that runs one in CI.
 */
@QuarkusTest
@TestProfile(OidcModeTest.OidcMode.class)
class OidcModeTest {

    public static class OidcMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tenderhall.identity.mode", "oidc");
        }
    }

    @Test
    @TestSecurity(user = "kc-agent", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "org_code", value = "91350200A000000384"))
    void a_keycloak_user_sees_the_role_and_the_organisation_of_the_token() {
        given().get("/api/me")
                .then().statusCode(200)
                .body("username", equalTo("kc-agent"))
                .body("roles", contains("agent"))
                .body("organisation.code", equalTo("91350200A000000384"))
                .body("identityMode", equalTo("oidc"));
    }

    @Test
    @TestSecurity(user = "kc-multi", roles = {"supervisor", "expert", "offline_access"})
    @OidcSecurity(claims = @Claim(key = "org_code", value = "12350200T00000026P"))
    void realm_roles_that_are_not_platform_roles_are_ignored() {
        given().get("/api/me").then().statusCode(200).body("roles", containsInAnyOrder("supervisor", "expert"));
    }

    @Test
    @TestSecurity(user = "kc-admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "org_code", value = "91350200T00000018P"))
    void a_keycloak_admin_registers_organisations_but_accounts_belong_to_keycloak() {
        given().contentType(ContentType.JSON).body("{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"OIDC Org\"}")
                .post("/api/organisations").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"someone\",\"displayName\":\"S\",\"password\":\"long-enough\",\"role\":\"agent\","
                        + "\"organisation\":\"91350200A000000384\"}")
                .post("/api/accounts")
                .then().statusCode(409)
                .body("type", equalTo("https://tenderhall.org/problems/accounts-managed-externally"));
    }

    @Test
    @TestSecurity(user = "kc-nobody", roles = "bidder")
    void a_token_without_an_organisation_claim_is_a_403_problem() {
        given().get("/api/me")
                .then().statusCode(403)
                .body("type", equalTo("https://tenderhall.org/problems/no-organisation"));
    }

    @Test
    @TestSecurity(user = "kc-bad", roles = "bidder")
    @OidcSecurity(claims = @Claim(key = "org_code", value = "914403001922038217"))
    void a_token_with_an_invalid_credit_code_is_a_403_problem() {
        given().get("/api/me")
                .then().statusCode(403)
                .body("type", equalTo("https://tenderhall.org/problems/no-organisation"));
    }

    @Test
    @TestSecurity(user = "kc-bidder", roles = "bidder")
    @OidcSecurity(claims = @Claim(key = "org_code", value = "91350200B000000431"))
    void the_wrong_role_is_a_403_in_oidc_mode_too() {
        given().get("/api/organisations").then().statusCode(403)
                .body("type", equalTo("https://tenderhall.org/problems/forbidden"));
    }

    @Test
    void embedded_passwords_do_not_work_in_oidc_mode_and_the_challenge_asks_for_a_bearer_token() {
        given().auth().preemptive().basic("admin", DemoData.PASSWORD).get("/api/me")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("https://tenderhall.org/problems/unauthenticated"));
    }

    @Test
    void the_login_form_does_not_work_in_oidc_mode() {
        given().redirects().follow(false)
                .formParam("j_username", "admin").formParam("j_password", DemoData.PASSWORD)
                .post("/j_security_check")
                .then().statusCode(302).header("Set-Cookie", nullValue());
    }
}
